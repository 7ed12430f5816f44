import { followEvent, messageEvent, postbackEvent, textEvent } from './events.js';

/** A value nested `depth` levels deep, built without recursion. */
export function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

/** One event of every type in ../shared/line-openapi/webhook.yml, shaped as documented there. */
export function documentedEvents(user: string): Array<Record<string, unknown> & { type: string }> {
  const common = followEvent(user);
  const { follow: _f, type: _t, ...base } = common;
  const { replyToken: _r, ...noToken } = base;
  const media = { contentProvider: { type: 'line' }, quoteToken: 'q' };
  return [
    textEvent(user, 'สวัสดี', {}),
    messageEvent(user, { type: 'image', ...media, imageSet: { id: 'set', index: 1, total: 2 } }),
    messageEvent(user, { type: 'video', ...media, duration: 1000 }),
    messageEvent(user, { type: 'audio', contentProvider: { type: 'line' }, duration: 1000 }),
    messageEvent(user, { type: 'file', fileName: 'a.pdf', fileSize: 10 }),
    messageEvent(user, { type: 'location', title: 't', address: 'a', latitude: 15.9, longitude: 103.9 }),
    messageEvent(user, {
      type: 'sticker',
      packageId: '1',
      stickerId: '2',
      stickerResourceType: 'STATIC',
      keywords: ['hi'],
      quoteToken: 'q',
    }),
    { ...noToken, type: 'unsend', unsend: { messageId: '1' } },
    common,
    { ...noToken, type: 'unfollow' },
    { ...base, type: 'join', source: { type: 'group', groupId: 'C1' } },
    { ...noToken, type: 'leave', source: { type: 'group', groupId: 'C1' } },
    {
      ...base,
      type: 'memberJoined',
      source: { type: 'group', groupId: 'C1' },
      joined: { members: [{ type: 'user', userId: user }] },
    },
    {
      ...noToken,
      type: 'memberLeft',
      source: { type: 'room', roomId: 'R1' },
      left: { members: [{ type: 'user', userId: user }] },
    },
    postbackEvent(user, 'a=menu', { date: '2026-11-26' }),
    { ...base, type: 'videoPlayComplete', videoPlayComplete: { trackingId: 't' } },
    { ...base, type: 'beacon', beacon: { hwid: 'd41d8cd98f', type: 'enter', dm: '1234' } },
    { ...base, type: 'accountLink', link: { result: 'ok', nonce: 'n' } },
    { ...base, type: 'membership', membership: { type: 'joined', membershipId: 3 } },
    { ...noToken, type: 'module', module: { type: 'attached', botId: 'U1', scopes: ['message:send'] } },
    { ...noToken, type: 'activated', chatControl: { expireAt: 1 } },
    { ...noToken, type: 'deactivated' },
    { ...noToken, type: 'botSuspended' },
    { ...noToken, type: 'botResumed' },
    { ...noToken, type: 'delivery', delivery: { data: 'd' } },
  ].map((e, i) => ({ ...e, webhookEventId: `${String(e.webhookEventId)}${i}` }));
}

/** JSON text of an object nested `depth` levels deep (JSON.stringify would overflow the stack). */
export function nestedJson(depth: number): string {
  return '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth);
}

/** The JSON of `event` with an extra field nested `depth` levels deep. */
export function withDeepField(event: object, depth: number): string {
  return JSON.stringify({ ...event, extra: '@deep@' }).replace('"@deep@"', nestedJson(depth));
}

/** A signed-ready webhook body from event JSON texts. */
export function rawBody(...eventJson: string[]): string {
  return `{"destination":"U${'f'.repeat(32)}","events":[${eventJson.join(',')}]}`;
}
