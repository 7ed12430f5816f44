import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/line/event-schema.js';
import { skippedEvent as skippedRaw } from '../../src/line/skipped-events.js';
import { textEvent, userId } from '../helpers/events.js';

/** The event as intake hands it on (parsed by the schema, mode defaulted). */
function skippedEvent(raw: unknown) {
  const parsed = parseEvent(raw);
  if (!parsed.ok) throw new Error(parsed.problem);
  return skippedRaw(parsed.event);
}

describe('skippedEvent', () => {
  it('when another channel holds the chat (standby), then the event is skipped as standby', () => {
    expect(skippedEvent(textEvent(userId(1), 'x', { mode: 'standby' }))).toBe('standby');
  });

  it("when the reply token is one of the console's Verify tokens, in either case, then it is a verification", () => {
    expect(skippedEvent(textEvent(userId(1), 'x', { replyToken: '0'.repeat(32) }))).toBe('verification');
    expect(skippedEvent(textEvent(userId(1), 'x', { replyToken: 'F'.repeat(32) }))).toBe('verification');
  });

  it('when a resident writes in an active chat, then the event is for the bot', () => {
    expect(skippedEvent(textEvent(userId(1), 'x'))).toBeNull();
    expect(skippedEvent(textEvent(userId(1), 'x', { replyToken: '1'.repeat(32) }))).toBeNull();
  });
});
