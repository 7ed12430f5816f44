import { afterEach, describe, expect, it } from 'vitest';
import { LineApiError } from '../../src/line/line-gateway.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { FanOut, type FanOutOptions } from '../../src/publications/fan-out.js';
import { Outbox, type Batch } from '../../src/publications/outbox.js';
import { tempDir } from '../helpers/temp-dir.js';
import { manualTime, type ManualTime } from '../helpers/manual-time.js';

type Call = { kind: 'multicast' | 'broadcast'; to: string[]; key: string; at: number };
type Answer = 'ok' | 'hang' | LineApiError | Promise<{ requestId: string }>;

const MESSAGE = [{ type: 'text' as const, text: 'ข่าว' }];
const refs = (n: number) => Array.from({ length: n }, (_, i) => `ref-${i}`);
const userOf = (ref: string) => `U${ref.slice(4).padStart(32, '0')}`;

let outbox: Outbox | undefined;
afterEach(async () => {
  await outbox?.close();
  outbox = undefined;
});

/** A fan-out over a real outbox, with LINE played by `answer` and a manual clock. */
async function harness(answer: (call: Call, n: number) => Answer, options: Partial<FanOutOptions> = {}) {
  outbox = await Outbox.open(await tempDir('fan-out-'));
  const box = outbox;
  const time: ManualTime = manualTime('2026-11-26T03:00:00Z');
  const calls: Call[] = [];
  const settled: Batch[] = [];
  const quota: string[] = [];
  const hangs: number[] = [];
  const request = (call: Call) => {
    calls.push(call);
    const a = answer(call, calls.length);
    if (a === 'hang') {
      hangs.push(call.at);
      return new Promise<never>(() => undefined);
    }
    if (a instanceof Promise) return a;
    return a === 'ok' ? Promise.resolve({ requestId: `req-${calls.length}` }) : Promise.reject(a);
  };
  const fanOut = new FanOut({
    outbox: box,
    line: {
      multicast: (to, _m, key) => request({ kind: 'multicast', to, key, at: time.now().getTime() }),
      broadcast: (_m, key) => request({ kind: 'broadcast', to: [], key, at: time.now().getTime() }),
    },
    clock: time.now,
    timers: time,
    random: () => 0.5,
    logger: createMemoryLogger(),
    messages: () => MESSAGE,
    recipients: (_b, r) => ({ refs: [...r], userIds: r.map(userOf) }),
    onSettled: async (b) => void settled.push(b),
    onQuota: async (pub) => void quota.push(pub),
    options,
  });
  // A call that never answers leaves only its 10-second timer to move things: stop waiting then.
  const hanging = () => hangs.some((at) => time.now().getTime() < at + 10_000);
  const settle = async () => {
    // A property, so the compiler does not take it as always false: the promise sets it
    const state = { idle: false };
    const done = fanOut.idle().then(() => (state.idle = true));
    while (!state.idle && !hanging()) await new Promise((r) => setImmediate(r));
    if (!hanging()) await done;
  };
  const run = (ms: number) => time.advance(ms, settle);
  return { fanOut, box, time, calls, settled, quota, run };
}

const lineError = (status: number | null, body = '{"message":"error"}') =>
  new LineApiError('multicast', status, body, 'req-x');

describe('FanOut', () => {
  it('when many batches go, then no one-second window holds more multicasts than the rate plus the small burst', async () => {
    const h = await harness(() => 'ok', { multicastPerSecond: 190, multicastBurst: 5 });
    h.fanOut.enqueue(await h.box.plan('pub-aaaa', 'multicast', refs(100_000)));
    await h.run(3_000);
    expect(h.calls).toHaveLength(200);
    const times = h.calls.map((c) => c.at);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(195);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(((200 - 5) / 190) * 1000 - 1);
    expect(h.settled.every((b) => b.state === 'accepted')).toBe(true);
  });

  it('when LINE does not answer, then the call is abandoned after 10 s and retried with the same key and body', async () => {
    const h = await harness((_c, n) => (n === 1 ? 'hang' : 'ok'));
    h.fanOut.enqueue(await h.box.plan('pub-bbbb', 'multicast', refs(3)));
    await h.run(9_999);
    expect(h.calls).toHaveLength(1);
    expect(h.settled).toHaveLength(0);
    await h.run(30_000);
    expect(h.calls).toHaveLength(2);
    expect(h.calls[1]).toMatchObject({ key: h.calls[0]!.key, to: h.calls[0]!.to });
    expect(h.settled[0]).toMatchObject({ state: 'accepted', attempts: 2, ambiguousSince: '2026-11-26T03:00:00.000Z' });
  });

  it('when LINE keeps failing, then retries back off with jitter and stop after 24 hours, failing the batch instead of risking a double delivery', async () => {
    const h = await harness(() => lineError(503));
    h.fanOut.enqueue(await h.box.plan('pub-cccc', 'multicast', refs(2)));
    await h.run(25 * 3600_000);
    const gaps = h.calls.slice(1).map((c, i) => c.at - h.calls[i]!.at);
    expect(gaps.slice(0, 4)).toEqual([750, 1_500, 3_000, 6_000]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10 * 60_000);
    expect(new Set(h.calls.map((c) => c.key)).size).toBe(1);
    expect(h.calls.at(-1)!.at - h.calls[0]!.at).toBeLessThanOrEqual(24 * 3600_000);
    expect(h.settled[0]!.state).toBe('failed');
    expect(h.settled[0]!.error!.message).toContain('24 hours');
  });

  it('when LINE answers a plain 429, then the batch waits and goes again; the monthly limit instead parks it and tells the owner', async () => {
    const h = await harness((c, n) =>
      n === 1
        ? lineError(429, '{"message":"Too many requests"}')
        : c.to.length === 1
          ? lineError(429, '{"message":"You have reached your monthly limit."}')
          : 'ok',
    );
    h.fanOut.enqueue(await h.box.plan('pub-dddd', 'multicast', refs(2)));
    await h.run(10_000);
    expect(h.calls).toHaveLength(2);
    expect(h.settled[0]).toMatchObject({ state: 'accepted', ambiguousSince: null });
    h.fanOut.enqueue(await h.box.plan('pub-eeee', 'multicast', refs(1)));
    await h.run(3600_000);
    expect(h.calls).toHaveLength(3);
    expect(h.quota).toEqual(['pub-eeee']);
    expect(h.box.get('pub-eeee/0')).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('when a network error or a 4xx comes, then the first is retried and the second fails the batch with LINE’s details', async () => {
    const h = await harness((_c, n) =>
      n === 1
        ? lineError(null, 'ECONNRESET')
        : lineError(403, '{"message":"Access to this API is not available for your account"}'),
    );
    h.fanOut.enqueue(await h.box.plan('pub-ffff', 'multicast', refs(1)));
    await h.run(60_000);
    expect(h.calls).toHaveLength(2);
    expect(h.settled[0]).toMatchObject({
      state: 'failed',
      error: { status: 403, message: 'Access to this API is not available for your account', requestId: 'req-x' },
    });
    expect(h.box.refs('pub-ffff/0')).toEqual([]);
  });

  it('when broadcasts are urgent, then at most 60 go in any hour', async () => {
    const h = await harness(() => 'ok', { broadcastPerHour: 2 });
    for (const pub of ['pub-b001', 'pub-b002', 'pub-b003'])
      h.fanOut.enqueue(await h.box.plan(pub, 'broadcast', [], 10));
    await h.run(60_000);
    expect(h.calls).toHaveLength(2);
    await h.run(3600_000);
    expect(h.calls).toHaveLength(3);
    expect(h.calls[2]!.at - h.calls[0]!.at).toBeGreaterThanOrEqual(3600_000);
  });

  it('when the fan-out is closed while a request is on its way, then close waits for the answer and nothing more goes', async () => {
    let answer: (v: { requestId: string }) => void = () => undefined;
    const h = await harness(() => new Promise((resolve) => (answer = resolve)), { multicastBurst: 1 });
    h.fanOut.enqueue(await h.box.plan('pub-gggg', 'multicast', refs(1_000)));
    while (h.calls.length === 0) await new Promise((r) => setImmediate(r));
    let closed = false;
    const closing = h.fanOut.close().then(() => (closed = true));
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(false);
    answer({ requestId: 'req-late' });
    await closing;
    expect(h.calls).toHaveLength(1);
    expect(h.box.get('pub-gggg/0')?.state).toBe('accepted');
    expect(h.box.get('pub-gggg/1')?.state).toBe('pending');
  });
});
