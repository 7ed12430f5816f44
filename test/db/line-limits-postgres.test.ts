import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresLineLimits } from '../../src/db/line-limits-postgres.js';
import type { Pool } from '../../src/db/pool.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { createLineGateway, type LineGateway } from '../../src/line/line-gateway.js';
import { LINE_RATES, pacedGateway } from '../../src/line/line-pacing.js';
import { busiestWindow, countingLine } from '../helpers/counting-line.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

/** LINE's documented multicast limit per channel (../shared/line-openapi/README.md). */
const LINE_MULTICAST_PER_SECOND = 200;
const USER = `U${'0'.repeat(32)}`;
const TEXT = [{ type: 'text' as const, text: 'ข่าวประชาสัมพันธ์' }];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `lanes` senders each sending multicasts back to back until `ms` have passed; answers how many went. */
async function flood(line: LineGateway, ms: number, lanes = 16): Promise<number> {
  const until = performance.now() + ms;
  let sent = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (performance.now() < until) {
        await line.multicast([USER], TEXT, randomUUID());
        sent += 1;
      }
    }),
  );
  return sent;
}

/** A pool that is up, refuses connections, or never answers, as `state.now` says. */
function flakyPool(pool: Pool, state: { now: 'up' | 'down' | 'hang' }): Pool {
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'connect')
        return () =>
          state.now === 'up'
            ? target.connect()
            : state.now === 'down'
              ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))
              : new Promise(() => {});
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe.skipIf(!hasPostgres)("LINE's rate limits per channel, shared by every process through PostgreSQL", () => {
  const db = useMigratedDatabase();
  let stand: Awaited<ReturnType<typeof countingLine>>;
  beforeAll(async () => {
    stand = await countingLine();
  });
  afterAll(() => stand.close());

  /** A sender for the tenant `scope` through its own LINE token, paced by the shared limits. */
  const sender = (scope: TenantScope, token: string, logger = createMemoryLogger()) =>
    pacedGateway(
      createLineGateway({ channelAccessToken: token, apiBaseUrl: stand.url }),
      new PostgresLineLimits(scope, { logger }),
    );
  const arrivalsOf = async (token: string) => (await stand.arrivals()).filter((a) => a.token === token);

  it('when two processes multicast for one tenant as fast as they can for 3 s, then LINE never sees more than 200 in any second, and both got their turn', async () => {
    const scope = await db().newTenant();
    const here = sender(scope, 'flood-token');
    const there = sender({ ...scope, pool: db().secondPool() }, 'flood-token');
    const [a, b] = await Promise.all([flood(here, 3000), flood(there, 3000)]);
    const arrivals = await arrivalsOf('flood-token');
    expect(arrivals).toHaveLength(a + b);
    expect(busiestWindow(arrivals)).toBeLessThanOrEqual(LINE_MULTICAST_PER_SECOND);
    // Both sent, and neither was starved (how fast they went depends on the machine's load:
    // the figure is printed, not asserted; unpaced, each would send far over 200 a second)
    expect(a + b).toBeGreaterThan(LINE_RATES.multicast.perSecond / 2);
    expect(Math.min(a, b)).toBeGreaterThan(0.2 * (a + b));
    console.log(`two processes, 3 s: ${a} + ${b} multicasts, busiest second ${busiestWindow(arrivals)}`);
  });

  it("when one tenant sends a burst, then another tenant's sends go at once, not after it", async () => {
    const [scopeA, scopeB] = [await db().newTenant(), await db().newTenant()];
    const a = sender(scopeA, 'burst-a');
    const b = sender({ ...scopeB, pool: db().secondPool() }, 'burst-b');
    const started = performance.now();
    const burst = Promise.all(Array.from({ length: 190 }, () => a.multicast([USER], TEXT, randomUUID())));
    await sleep(100);
    const asked = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => b.multicast([USER], TEXT, randomUUID())));
    const bTook = performance.now() - asked;
    await burst;
    const aTook = performance.now() - started;
    // 190 at 185 a second take about a second; B's five do not queue behind them
    expect(aTook).toBeGreaterThan(900);
    expect(bTook).toBeLessThan(aTook / 2);
    const lastA = Math.max(...(await arrivalsOf('burst-a')).map((x) => x.at));
    expect(Math.max(...(await arrivalsOf('burst-b')).map((x) => x.at))).toBeLessThan(lastA - 300);
  });

  it('when the database refuses while a slot is asked for, then every message still goes, at a tenth of the rate, and the shared limit is used again once it is back', async () => {
    const scope = await db().newTenant();
    const state: { now: 'up' | 'down' | 'hang' } = { now: 'down' };
    const logger = createMemoryLogger();
    const limits = new PostgresLineLimits(
      { ...scope, pool: flakyPool(scope.pool, state) },
      { logger, retryAfterMs: 300 },
    );
    const line = pacedGateway(createLineGateway({ channelAccessToken: 'broken-db', apiBaseUrl: stand.url }), limits);
    const results = await Promise.all(Array.from({ length: 30 }, () => line.multicast([USER], TEXT, randomUUID())));
    expect(results).toHaveLength(30);
    const arrived = await arrivalsOf('broken-db');
    expect(arrived).toHaveLength(30);
    // A tenth of the rate and a burst of 1: ten processes pacing locally stay within LINE's 200
    expect(busiestWindow(arrived)).toBeLessThanOrEqual(LINE_MULTICAST_PER_SECOND / 10);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: 'shared LINE pacing unavailable: pacing locally', error: 'Error' }),
    );
    expect(await db().dumpWhere('line_rate_limits', scope.tenantId)).toEqual([]);

    state.now = 'up';
    await sleep(350);
    await line.multicast([USER], TEXT, randomUUID());
    expect(await db().dumpWhere('line_rate_limits', scope.tenantId)).toHaveLength(1);
    expect(logger.lines).toContainEqual(expect.objectContaining({ msg: 'shared LINE pacing is back' }));
  });

  it('when the database does not answer, then the message goes after the time limit, paced locally', async () => {
    const scope = await db().newTenant();
    const logger = createMemoryLogger();
    const hanging = { ...scope, pool: flakyPool(scope.pool, { now: 'hang' }) };
    const limits = new PostgresLineLimits(hanging, { logger, timeoutMs: 200 });
    const line = pacedGateway(createLineGateway({ channelAccessToken: 'hung-db', apiBaseUrl: stand.url }), limits);
    const asked = performance.now();
    await line.multicast([USER], TEXT, randomUUID());
    expect(performance.now() - asked).toBeLessThan(1000);
    expect(await arrivalsOf('hung-db')).toHaveLength(1);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ msg: 'shared LINE pacing unavailable: pacing locally', error: 'TimeoutError' }),
    );
  });

  it('when LINE answers 429, then every process holds back that endpoint for a second', async () => {
    const scope = await db().newTenant();
    const limits = new PostgresLineLimits(scope, { logger: createMemoryLogger() });
    await limits.holdOff('multicast', 1000);
    const other = new PostgresLineLimits({ ...scope, pool: db().secondPool() }, { logger: createMemoryLogger() });
    const wait = await other.slot('multicast');
    // 1 s, less the time the statements took
    expect(wait).toBeGreaterThan(900);
    expect(wait).toBeLessThanOrEqual(1000);
    expect(await other.slot('push')).toBe(0);
  });

  it('when urgent broadcasts follow each other across processes, then ten go at once and the next waits 72 s (60 an hour at most)', async () => {
    const scope = await db().newTenant();
    const here = new PostgresLineLimits(scope, { logger: createMemoryLogger() });
    const there = new PostgresLineLimits({ ...scope, pool: db().secondPool() }, { logger: createMemoryLogger() });
    const waits = [];
    for (let i = 0; i < 11; i += 1) waits.push(await (i % 2 ? there : here).slot('broadcast'));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    // 72 s after the first, less the time the eleven statements took
    expect(waits[10]).toBeGreaterThan(60_000);
    expect(waits[10]).toBeLessThanOrEqual(72_000);
  });
});
