import { describe, expect, it } from 'vitest';
import { KNOWN_EVENT_TYPES, parseEvent } from '../../src/line/event-schema.js';
import { followEvent, postbackEvent, textEvent, userId } from '../helpers/events.js';
import { documentedEvents, nested } from '../helpers/webhook-fixtures.js';

describe('parseEvent', () => {
  it('when every event type LINE documents comes, then each parses as its own type', () => {
    const events = documentedEvents(userId(1));
    expect(new Set(events.map((e) => e.type))).toEqual(KNOWN_EVENT_TYPES);
    for (const raw of events) {
      const parsed = parseEvent(raw);
      expect(parsed, raw.type).toMatchObject({ ok: true, event: { type: raw.type } });
    }
  });

  it('when a type LINE has not documented comes, then it parses with the common fields only', () => {
    const parsed = parseEvent({ ...followEvent(userId(1)), type: 'hologram', hologram: { secret: 'x' } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.event.type).toBe('hologram');
    expect(parsed.event).not.toHaveProperty('hologram');
    expect(parsed.event.source).toEqual({ type: 'user', userId: userId(1) });
  });

  it('when a field LINE did not document comes along, then it is dropped', () => {
    const parsed = parseEvent({ ...textEvent(userId(1), 'สวัสดี'), extra: { a: 1 } });
    expect(parsed).toMatchObject({ ok: true, event: { message: { text: 'สวัสดี' } } });
    expect(parsed.ok && parsed.event).not.toHaveProperty('extra');
  });

  it('when a postback has no postback field, then it fails naming the field, without the content', () => {
    const { postback: _none, ...bad } = postbackEvent(userId(1), 'a=menu');
    expect(parseEvent(bad)).toEqual({ ok: false, type: 'postback', problem: 'postback: invalid_type' });
  });

  it('when a postback param is not a string, then the problem names the field but not the key the sender chose', () => {
    const parsed = parseEvent({
      ...postbackEvent(userId(1), 'a=menu'),
      postback: { data: 'a=menu', params: { ใต้โต๊ะ: 500 } },
    });
    expect(parsed).toEqual({ ok: false, type: 'postback', problem: 'postback.params: invalid_type' });
  });

  it('when a text message has no text, then it fails', () => {
    const event = textEvent(userId(1), 'x');
    expect(parseEvent({ ...event, message: { ...event.message, text: 7 } })).toMatchObject({
      ok: false,
      type: 'message',
    });
  });

  it('when an event is nested 5,000 deep, then it fails at once without overflowing the stack', () => {
    const parsed = parseEvent({ ...textEvent(userId(1), 'x'), extra: nested(5000) });
    expect(parsed).toMatchObject({ ok: false, type: 'message', problem: expect.stringContaining('nested') });
    expect(parseEvent(nested(500_000))).toMatchObject({ ok: false, type: null });
  });

  it('when the event is not an object or its type is not a word, then it fails and the type is not echoed', () => {
    expect(parseEvent(42)).toMatchObject({ ok: false, type: null });
    expect(parseEvent({ type: 'ใต้โต๊ะ 500 บาท' })).toMatchObject({ ok: false, type: null });
  });

  it('when optional common fields are missing, then defaults are filled in', () => {
    const parsed = parseEvent({ type: 'unfollow', source: { type: 'user', userId: userId(1) } });
    expect(parsed).toMatchObject({ ok: true, event: { mode: 'active', deliveryContext: { isRedelivery: false } } });
  });
});
