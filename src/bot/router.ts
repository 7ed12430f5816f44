import type { webhook } from '@line/bot-sdk';
import { parsePostback, type Postback } from './postback.js';

/** What kind of work an event asks for; decided from the event alone (pure). */
export type Route =
  | { to: 'follow' }
  | { to: 'unfollow' }
  | { to: 'text'; text: string }
  | { to: 'postback'; postback: Postback | null; params: Record<string, string> }
  | { to: 'media'; kind: 'sticker' | 'image' | 'video' | 'audio' | 'file' | 'location'; messageId: string | null }
  | { to: 'ignore'; reason: string };

/** Reply tokens LINE sends when the console's "Verify" button checks the webhook. */
const VERIFY_TOKENS = new Set(['00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff']);

export function isVerificationEvent(event: webhook.Event): boolean {
  const token = (event as { replyToken?: string }).replyToken;
  return typeof token === 'string' && VERIFY_TOKENS.has(token.toLowerCase());
}

export function routeEvent(event: webhook.Event): Route {
  if (event.mode === 'standby') return { to: 'ignore', reason: 'standby' };
  if (isVerificationEvent(event)) return { to: 'ignore', reason: 'verification' };
  if (event.source?.type !== 'user') return { to: 'ignore', reason: 'not-one-to-one' };
  switch (event.type) {
    case 'follow':
      return { to: 'follow' };
    case 'unfollow':
      return { to: 'unfollow' };
    case 'postback': {
      const pb = (event as webhook.PostbackEvent).postback;
      const params = Object.fromEntries(Object.entries(pb.params ?? {}).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      return { to: 'postback', postback: parsePostback(pb.data), params };
    }
    case 'message':
      return routeMessage((event as webhook.MessageEvent).message);
    default:
      return { to: 'ignore', reason: `event:${event.type}` };
  }
}

function routeMessage(message: webhook.MessageContent): Route {
  switch (message.type) {
    case 'text':
      return { to: 'text', text: (message as webhook.TextMessageContent).text };
    case 'sticker':
    case 'image':
    case 'video':
    case 'audio':
    case 'file':
    case 'location':
      return { to: 'media', kind: message.type, messageId: typeof message.id === 'string' ? message.id : null };
    default:
      return { to: 'ignore', reason: `message:${(message as { type: string }).type}` };
  }
}
