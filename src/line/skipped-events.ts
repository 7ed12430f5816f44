import type { LineEvent } from './event-schema.js';

/** Reply tokens LINE sends when the console's "Verify" button checks the webhook. */
const VERIFY_TOKENS = new Set(['00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff']);

function isVerificationEvent(event: Pick<LineEvent, 'replyToken'>): boolean {
  const token = event.replyToken;
  return typeof token === 'string' && VERIFY_TOKENS.has(token.toLowerCase());
}

/**
 * Why an event is not for the bot at all (another channel's standby copy, the console's
 * webhook check), or null. Read at intake, so such events are never stored, and by the router.
 */
export function skippedEvent(event: LineEvent): 'standby' | 'verification' | null {
  if (event.mode === 'standby') return 'standby';
  if (isVerificationEvent(event)) return 'verification';
  return null;
}
