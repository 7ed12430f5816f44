import { afterEach, describe, expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { createLineGateway } from '../../src/line/line-gateway.js';
import { ClaimedSender, type ClaimedSenderDeps } from '../../src/publications/claimed-sender.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { multicastStandIn, type MulticastStandIn, type Refusal } from '../publications/multicast-stand-in.js';
import {
  sampleRefs,
  SAMPLE_MESSAGES as MESSAGES,
  userIdOfRef as userIdOf,
} from '../publications/publication-sample.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
let now = START;
const clock = () => new Date(now);
const TOKEN = 'stand-in-token';
const SERVER_ERROR: Refusal = { status: 500, body: { message: 'An error occurred in the backend' } };

/**
 * One bot process on the shared rows, its LINE at `line`: jitter fixed at its top (random 1),
 * so the backoff after attempt n is exactly 1 s · 2^(n-1), capped at 4 s here.
 */
function processOn(scope: TenantScope, line: MulticastStandIn, extra: Partial<ClaimedSenderDeps> = {}) {
  const batches = new PostgresDeliveryBatches(scope);
  const retries: number[] = [];
  const sender = new ClaimedSender({
    batches,
    line: createLineGateway({ channelAccessToken: TOKEN, apiBaseUrl: line.url }),
    clock,
    logger: createMemoryLogger(),
    messages: () => MESSAGES,
    recipients: (_batch, refs) => ({ refs: [...refs], userIds: refs.map(userIdOf) }),
    onSettled: () => Promise.resolve(),
    random: () => 1,
    retry: { firstRetryMs: 1000, maxRetryMs: 4000 },
    onRetryLater: (ms) => retries.push(ms),
    ...extra,
  });
  return { batches, sender, retries };
}

function expectEveryoneOnce(line: MulticastStandIn, refs: string[]): void {
  expect(refs.filter((r) => line.delivered.get(userIdOf(r)) !== 1)).toEqual([]);
  expect(line.delivered.size).toBe(refs.length);
}

describe.skipIf(!hasPostgres)('a delivery batch LINE did not take is let go and retried after its backoff', () => {
  const db = useMigratedDatabase();
  const opened: MulticastStandIn[] = [];
  const standIn = async (refuse: (key: string, nth: number) => Refusal | undefined) => {
    const line = await multicastStandIn(TOKEN, 0, refuse);
    opened.push(line);
    now = START;
    return line;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });

  it('when LINE answers 500 twice and then accepts, then the batch goes again after 1 s and 2 s, not after the lease, with the same retry key, and everyone gets it once', async () => {
    const line = await standIn((_key, nth) => (nth <= 2 ? SERVER_ERROR : undefined));
    const scope = await db().newTenant();
    const a = processOn(scope, line);
    const refs = sampleRefs(300);
    const [planned] = await a.batches.plan('pub-retry-500', 'multicast', refs);

    expect(await a.sender.round(10)).toBe(1);
    expect(a.retries).toEqual([1000]);
    now += 999;
    expect(await a.sender.round(10)).toBe(0); // still backing off
    now += 1;
    expect(await a.sender.round(10)).toBe(1);
    expect(a.retries).toEqual([1000, 2000]);
    now += 2000;
    expect(await a.sender.round(10)).toBe(1);

    expect(line.keys).toEqual([planned!.retryKey, planned!.retryKey, planned!.retryKey]);
    expectEveryoneOnce(line, refs);
    const [after] = await a.batches.batches('pub-retry-500');
    expect(after).toMatchObject({ state: 'accepted', attempts: 3, ambiguousSince: new Date(START).toISOString() });
    expect(await a.batches.figures('pub-retry-500')).toEqual({
      recipients: 300,
      accepted: 300,
      failed: 0,
      dropped: 0,
      pending: 0,
    });
  });

  it('when LINE answers 429 with Retry-After: 3, then the batch waits those 3 s (longer than its 1 s backoff) and then goes once', async () => {
    const line = await standIn((_key, nth) =>
      nth === 1 ? { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '3' } } : undefined,
    );
    const scope = await db().newTenant();
    const a = processOn(scope, line);
    const refs = sampleRefs(20);
    await a.batches.plan('pub-retry-429', 'multicast', refs);
    expect(await a.sender.round(10)).toBe(1);
    expect(a.retries).toEqual([3000]);
    now += 2999;
    expect(await a.sender.round(10)).toBe(0);
    now += 1;
    expect(await a.sender.round(10)).toBe(1);
    expectEveryoneOnce(line, refs);
    // A 429 is LINE refusing, not maybe taking it: no retry window starts
    expect((await a.batches.batches('pub-retry-429'))[0]).toMatchObject({ state: 'accepted', ambiguousSince: null });
  });

  it('when the process that got the 500 does not come back, then a second process claims the let-go batch after its backoff and sends it with the same key', async () => {
    let first = '';
    const line = await standIn((key, nth) => (key === first && nth === 1 ? SERVER_ERROR : undefined));
    const scope = await db().newTenant();
    const a = processOn(scope, line);
    const b = processOn({ ...scope, pool: db().secondPool() }, line);
    const refs = sampleRefs(700);
    const planned = await a.batches.plan('pub-retry-other', 'multicast', refs);
    first = planned[0]!.retryKey;
    // A claims the first batch only, and LINE answers 500
    await a.sender.sendClaimed(await a.batches.claim(clock(), 1));
    const [released] = await b.batches.batches('pub-retry-other');
    expect(released).toMatchObject({ state: 'pending', attempts: 1 });
    // B takes the other batch at once, but not the one A let go before its backoff ends
    expect(await b.sender.round(10)).toBe(1);
    now += 1000;
    expect(await b.sender.round(10)).toBe(1);
    expect(await a.sender.round(10)).toBe(0);
    expect(line.keys.filter((k) => k === planned[0]!.retryKey)).toHaveLength(2);
    expectEveryoneOnce(line, refs);
    expect(await b.batches.figures('pub-retry-other')).toMatchObject({ accepted: 700, pending: 0 });
  });

  it('when LINE answers 500 every time, then the batch stops when the next wait would pass the retry window, is failed with why, and the figures count it failed', async () => {
    const failing = new Set<string>();
    const line = await standIn((key) => (failing.has(key) ? SERVER_ERROR : undefined));
    const scope = await db().newTenant();
    // A 10 s window instead of LINE's 24 h: 1 s, 2 s, 4 s, 4 s of backoff (the last would end at 11 s)
    const a = processOn(scope, line, { retry: { firstRetryMs: 1000, maxRetryMs: 4000, retryWindowMs: 10_000 } });
    const refs = sampleRefs(600);
    const planned = await a.batches.plan('pub-retry-fails', 'multicast', refs);
    failing.add(planned[1]!.retryKey);
    for (const wait of [0, 1000, 2000, 4000]) {
      now += wait;
      expect(await a.sender.round(10)).toBeGreaterThan(0);
    }
    now += 4000;
    expect(await a.sender.round(10)).toBe(0);

    const [ok, failed] = await a.batches.batches('pub-retry-fails');
    expect(ok).toMatchObject({ state: 'accepted', attempts: 1 });
    expect(failed).toMatchObject({ state: 'failed', attempts: 4, retryKey: planned[1]!.retryKey });
    expect(failed!.error?.message).toContain('after 4 attempts');
    expect(line.keys.filter((k) => k === planned[1]!.retryKey)).toHaveLength(4);
    expect(await a.batches.figures('pub-retry-fails')).toEqual({
      recipients: 600,
      accepted: 500,
      failed: 100,
      dropped: 0,
      pending: 0,
    });
    expect(await a.batches.refs(failed!.id)).toEqual([]); // recipients gone once settled
  });

  it('when a process releases a batch whose lease ran out and another process claimed, then the other keeps its claim, and a wake does not take it away', async () => {
    now = START;
    const scope = await db().newTenant();
    const [a, b, c] = [1, 2, 3].map(() => new PostgresDeliveryBatches(scope, 1000));
    await a!.plan('pub-retry-late', 'multicast', sampleRefs(10));
    const [late] = await a!.claim(clock(), 1);
    now += 1000;
    expect(await b!.claim(clock(), 1)).toHaveLength(1);
    // A's answer comes after its lease: it records the attempt but cannot let B's claim go
    expect(await a!.release({ ...late!, attempts: 1 }, clock())).toMatchObject({ attempts: 1 });
    await c!.wake('pub-retry-late');
    expect(await c!.claim(clock(), 1)).toEqual([]);
    now += 1000;
    expect(await c!.claim(clock(), 1)).toHaveLength(1); // B's lease ended
  });

  it('when LINE says the monthly limit is reached, then the batches are let go until the lease ends, and waking the publication makes them claimable at once', async () => {
    let quota = true;
    const line = await standIn(() =>
      quota ? { status: 429, body: { message: 'You have reached your monthly limit.' } } : undefined,
    );
    const scope = await db().newTenant();
    let held = false;
    const a = processOn(scope, line, {
      onQuota: () => Promise.resolve(void (held = true)),
      held: () => held,
    });
    const refs = sampleRefs(900);
    await a.batches.plan('pub-retry-quota', 'multicast', refs);
    expect(await a.sender.round(10)).toBe(2); // the first got the 429; the second was paused
    expect(a.retries).toEqual([]);
    quota = false;
    expect(await a.sender.round(10)).toBe(0); // let go until the lease ends, not claimable meanwhile
    held = false;
    await a.batches.wake('pub-retry-quota');
    expect(await a.sender.round(10)).toBe(2);
    expectEveryoneOnce(line, refs);
  });
});
