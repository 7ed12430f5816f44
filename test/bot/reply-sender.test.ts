import { afterEach, describe, expect, it } from 'vitest';
import { ReplySender, type ReplyJob, type ReplySenderOptions } from '../../src/bot/reply-sender.js';
import { createLineGateway } from '../../src/line/line-gateway.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { userId } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';
import { PUSH, REPLY, scriptLine, type Step } from '../helpers/line-script.js';

let line: ReturnType<typeof scriptLine> | undefined;
afterEach(() => {
  line?.expectAllValid();
  line?.done();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup(steps: (path: string, n: number) => Step, opts: Partial<ReplySenderOptions> = {}) {
  line = scriptLine((call, n) => steps(call.path, n));
  const logger = createMemoryLogger();
  const gateway = createLineGateway({ channelAccessToken: 'token', apiBaseUrl: LINE_BASE, timeoutMs: 300 });
  const sender = new ReplySender({
    line: gateway,
    logger,
    now: Date.now,
    replyWindowMs: 2_000,
    firstDelayMs: 20,
    maxDelayMs: 200,
    ...opts,
  });
  return { sender, logger, line };
}

const job = (extra: Partial<ReplyJob> = {}): ReplyJob => ({
  eventId: '01EVENT',
  replyToken: 'reply-token-1',
  receivedAt: Date.now(),
  userId: userId(1),
  messages: [{ type: 'text', text: 'รับเรื่องแล้ว' }],
  mustArrive: false,
  ...extra,
});

describe('ReplySender', () => {
  it('when LINE answers 500 and then 200, then the reply is sent once more with the same token and the resident is answered once', async () => {
    const t = setup((_, n) => (n === 0 ? 500 : 200));
    expect(await t.sender.send(job())).toBe('replied');
    expect(t.line.to(REPLY).map((c) => c.answer)).toEqual([500, 200]);
    expect(new Set(t.line.calls.map((c) => c.body.replyToken))).toEqual(new Set(['reply-token-1']));
    expect(t.logger.lines.find((l) => l.msg === 'LINE reply failed')).toMatchObject({
      status: 500,
      attempt: 1,
      lineRequestId: 'req-1',
    });
    t.line.expectAllValid();
  });

  it('when the connection fails and then a call times out, then both are retried', async () => {
    const t = setup((_, n) => (n === 0 ? 'network' : n === 1 ? 'hang' : 200));
    expect(await t.sender.send(job())).toBe('replied');
    expect(t.line.calls.map((c) => c.answer)).toEqual(['network', 'hang', 200]);
  });

  it('when LINE keeps failing, then retries stop before the token expires, and a reply that need not arrive is not pushed', async () => {
    const received = Date.now() - 500;
    const t = setup(() => 500, { replyWindowMs: 1_500 });
    expect(await t.sender.send(job({ receivedAt: received }))).toBe('reply-expired');
    const replies = t.line.to(REPLY);
    expect(replies.length).toBeGreaterThan(2);
    // Each attempt started with at least half a second of the token's window left.
    const windowEnd = performance.now() - (Date.now() - received) + 1_500;
    for (const c of replies) expect(c.at).toBeLessThan(windowEnd - 400);
    expect(t.line.to(PUSH)).toEqual([]);
  });

  it('when a reply that must arrive finds its token gone, then it is pushed to the user with one retry key, the same on every attempt', async () => {
    const t = setup((path) => (path === REPLY ? 500 : t.line.to(PUSH).length < 2 ? 'network' : 200), {
      replyWindowMs: 800,
    });
    expect(await t.sender.send(job({ mustArrive: true }))).toBe('pushed');
    const pushes = t.line.to(PUSH);
    expect(pushes).toHaveLength(3);
    expect(pushes[0]!.headers['x-line-retry-key']).toMatch(UUID);
    expect(new Set(pushes.map((p) => p.headers['x-line-retry-key'])).size).toBe(1);
    expect(pushes[0]!.body).toEqual({ to: userId(1), messages: job().messages });
    t.line.expectAllValid();
  });

  it('when a push retry finds LINE already took it (409), then it counts as sent', async () => {
    const t = setup((path) =>
      path === REPLY ? 'invalid-token' : t.line.to(PUSH).length === 0 ? { status: 500, afterMs: 0 } : 409,
    );
    expect(await t.sender.send(job({ mustArrive: true }))).toBe('pushed');
    expect(t.line.to(PUSH).map((c) => c.answer)).toEqual([{ status: 500, afterMs: 0 }, 409]);
  });

  it('when the token is refused after an unanswered attempt, then that attempt is taken as delivered: no push, no second answer', async () => {
    const t = setup((_, n) => (n === 0 ? 'hang' : 'invalid-token'));
    expect(await t.sender.send(job({ mustArrive: true }))).toBe('replied');
    expect(t.line.to(PUSH)).toEqual([]);
  });

  it('when the token has already expired (an event replayed after a restart), then an essential reply goes by push at once and another is dropped', async () => {
    const t = setup(() => 200);
    const old = Date.now() - 5 * 60_000;
    expect(await t.sender.send(job({ receivedAt: old }))).toBe('reply-expired');
    expect(t.line.calls).toEqual([]);
    expect(await t.sender.send(job({ receivedAt: old, mustArrive: true }))).toBe('pushed');
    expect(t.line.calls.map((c) => c.path)).toEqual([PUSH]);
  });

  it('when the user id is not a valid LINE user id (a group), then nothing is pushed', async () => {
    const t = setup(() => 500, { replyWindowMs: 600 });
    expect(await t.sender.send(job({ mustArrive: true, userId: null }))).toBe('reply-expired');
    expect(t.line.to(PUSH)).toEqual([]);
  });

  it('when LINE refuses the reply for good (400 other than the token), then it is not retried', async () => {
    const t = setup(() => 400);
    expect(await t.sender.send(job())).toBe('reply-failed');
    expect(t.line.calls).toHaveLength(1);
  });

  it('when the monthly quota is used up, then the push is not retried', async () => {
    const t = setup((path) => (path === REPLY ? 'invalid-token' : 429));
    expect(await t.sender.send(job({ mustArrive: true }))).toBe('push-failed');
    expect(t.line.to(PUSH)).toHaveLength(1);
    expect(t.logger.lines.find((l) => l.msg === 'LINE push of a reply failed')).toMatchObject({ status: 429 });
  });
});
