import { describe, expect, it } from 'vitest';
import { routeEvent } from '../../src/bot/router.js';
import { parseEvent } from '../../src/line/event-schema.js';
import { browseButton } from '../../src/flex/browse-buttons.js';
import { parsePostback, readShippedPostback } from '../helpers/postbacks.js';
import { followEvent, messageEvent, postbackEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';
import { documentedEvents } from '../helpers/webhook-fixtures.js';

/** The router reads events as intake parsed them. */
const route = (e: unknown) => {
  const parsed = parseEvent(e);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${parsed.problem}`);
  return routeEvent(parsed.event, readShippedPostback);
};

describe('routeEvent', () => {
  it('when a text message comes, then it routes to text with the text', () => {
    expect(route(textEvent(userId(1), 'เมนู'))).toEqual({ to: 'text', text: 'เมนู' });
  });

  it('when follow or unfollow comes, then it routes to them', () => {
    expect(route(followEvent(userId(1)))).toEqual({ to: 'follow' });
    expect(route(unfollowEvent(userId(1)))).toEqual({ to: 'unfollow' });
  });

  it('when a postback comes, then its data is parsed; bad data gives null', () => {
    expect(route(postbackEvent(userId(1), browseButton({ a: 'measure', id: 'doc-1-m2' })))).toMatchObject({
      to: 'postback',
      postback: { a: 'measure', id: 'doc-1-m2' },
    });
    expect(route(postbackEvent(userId(1), 'a=measure&id=../../etc'))).toMatchObject({ to: 'postback', postback: null });
  });

  it('when a datetime picker answers, then its params come along', () => {
    expect(route(postbackEvent(userId(1), 'a=menu', { datetime: '2026-11-26T10:00' }))).toMatchObject({
      params: { datetime: '2026-11-26T10:00' },
    });
  });

  it('when media comes, then it routes to media with its kind', () => {
    expect(
      route(
        messageEvent(userId(1), { type: 'sticker', packageId: '1', stickerId: '2', stickerResourceType: 'STATIC' }),
      ),
    ).toMatchObject({ to: 'media', kind: 'sticker' });
  });

  it('when the event is standby, a verification, from a group or of an unknown type, then it is ignored', () => {
    expect(route(textEvent(userId(1), 'x', { mode: 'standby' }))).toEqual({ to: 'ignore', reason: 'standby' });
    expect(route(textEvent(userId(1), 'x', { replyToken: '0'.repeat(32) }))).toEqual({
      to: 'ignore',
      reason: 'verification',
    });
    expect(route(textEvent(userId(1), 'x', { source: { type: 'group', groupId: 'C1' } }))).toEqual({
      to: 'ignore',
      reason: 'not-one-to-one',
    });
    expect(route({ ...followEvent(userId(1)), type: 'beacon', beacon: { hwid: 'h', type: 'enter' } })).toEqual({
      to: 'ignore',
      reason: 'event:beacon',
    });
    expect(route({ ...followEvent(userId(1)), type: 'hologram' })).toEqual({ to: 'ignore', reason: 'event:hologram' });
    expect(route(messageEvent(userId(1), { type: 'hologram' }))).toEqual({ to: 'ignore', reason: 'message:hologram' });
  });

  it('when any event type LINE documents comes, then it routes without throwing; only follow, unfollow, postback and messages are worked on', () => {
    const routes = documentedEvents(userId(1)).map((e) => [e.type, route(e).to]);
    const worked = routes.filter(([, to]) => to !== 'ignore').map(([type]) => type);
    expect(new Set(worked)).toEqual(new Set(['message', 'follow', 'unfollow', 'postback']));
    expect(routes.filter(([type]) => type === 'message').map(([, to]) => to)).toEqual([
      'text',
      'media',
      'media',
      'media',
      'media',
      'media',
      'media',
    ]);
  });
});

describe('postback data', () => {
  it('when encoded and parsed, then it round-trips and stays short', () => {
    const data = browseButton({ a: 'announcement', page: 2 });
    expect(parsePostback(data)).toEqual({ a: 'announcement', page: 2 });
    expect(data.length).toBeLessThan(300);
  });

  it('when the data is unknown, malformed or too long, then it parses to null', () => {
    expect(parsePostback('a=unknown')).toBeNull();
    expect(parsePostback('a=measure')).toBeNull();
    expect(parsePostback('a=announcement&page=-1')).toBeNull();
    expect(parsePostback('a=menu&' + 'x'.repeat(300))).toBeNull();
  });
});
