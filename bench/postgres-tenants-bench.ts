import { delivered } from './postgres-fanout-bench.js';
import { publishThrough, startService, type ChannelsStandIn, type ServiceTarget } from './postgres-processes.js';
import { addTenant, insertFriends, type BenchDatabase, type BenchTenant } from './postgres-setup.js';
import { fmt, percentile } from './stats.js';
import type { ChannelStats } from './targets/channels-stand-in.js';

const TENANTS = 50;
const FRIENDS = 2_000;
const PROCESSES = 2;
const RUNS = 2;
const MULTICAST_LIMIT = 200;
/** A tenant counts as starved when it finishes later than this many times the median tenant. */
const STARVED = 2;

interface TenantRun {
  /** Seconds from the moment every publish request went out to each tenant's last accepted multicast. */
  finishS: number[];
  totalS: number;
  channels: ChannelStats[];
  warmS: number[];
}

/** Every tenant publishes at once, each through one of the processes in turn; waits for all of them at LINE. */
async function publishAll(tenants: BenchTenant[], services: ServiceTarget[], line: ChannelsStandIn, run: number) {
  await line.reset();
  const started = Date.now();
  await Promise.all(tenants.map((t, i) => publishThrough(services[i % services.length]!, t, `ข่าวรอบที่ ${run + 1}`)));
  const channels: ChannelStats[] = [];
  for (const t of tenants) channels.push(await delivered(line, t.accessToken, FRIENDS));
  const finishS = channels.map((c) => (c.lastAcceptedAt - started) / 1000);
  return { finishS, totalS: Math.max(...finishS), channels };
}

/**
 * 50 municipalities of 2,000 friends each publish at the same moment on two service
 * processes sharing one database: the total time, each municipality's finish (none starved:
 * the slowest against the median), and each channel's busiest second of multicasts at the
 * LINE stand-in against LINE's 200.
 */
export async function benchPostgresTenants(db: BenchDatabase, line: ChannelsStandIn): Promise<void> {
  const tenants: BenchTenant[] = [];
  for (let i = 0; i < TENANTS; i++) {
    const tenant = await addTenant(db, `town-${String(i).padStart(2, '0')}`);
    await insertFriends(tenant.scope, FRIENDS, i * FRIENDS);
    tenants.push(tenant);
  }
  const services: ServiceTarget[] = [];
  const runs: TenantRun[] = [];
  try {
    const starting = Array.from({ length: PROCESSES }, () => startService(db, tenants, line.ready.url));
    for (const service of await Promise.allSettled(starting))
      if (service.status === 'fulfilled') services.push(service.value);
    if (services.length < PROCESSES) throw new Error('a service process did not start');
    const warmS = services.map((s) => s.ready.warmMs / 1000);
    for (let run = 0; run < RUNS; run++) runs.push({ ...(await publishAll(tenants, services, line, run)), warmS });
  } finally {
    await Promise.all(services.map((s) => s.stop()));
  }
  report(runs);
}

function report(runs: TenantRun[]): void {
  console.log(
    `\n${TENANTS} tenants of ${fmt(FRIENDS, 0)} friends each publishing at once on PostgreSQL: ${PROCESSES} service processes (started together, each starting every tenant's bot first: ${runs[0]!.warmS.map((s) => `${fmt(s, 1)} s`).join(', ')}), the requests spread over them, ${RUNS} runs; LINE stand-in with 20 ms latency, counting each channel's multicasts per second`,
  );
  for (const [i, r] of runs.entries()) {
    const sorted = [...r.finishS].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    const busiest = Math.max(...r.channels.map((c) => c.busiestSecond));
    const refused = r.channels.reduce((n, c) => n + (c.statuses[429] ?? 0), 0);
    const wrong = r.channels.filter((c) => c.recipients !== FRIENDS || c.twice > 0).length;
    console.log(
      `  run ${i + 1}: all ${TENANTS} done in ${fmt(r.totalS, 2)} s   per-tenant finish min ${fmt(sorted[0]!, 2)} s, median ${fmt(median, 2)} s, max ${fmt(sorted.at(-1)!, 2)} s (slowest ${fmt(sorted.at(-1)! - median, 2)} s after the median, ${fmt(sorted.at(-1)! / median, 2)}×: ${sorted.at(-1)! / median <= STARVED ? 'none starved' : 'STARVED'}, limit ${STARVED}×)   busiest second of any channel ${busiest} multicasts (limit ${MULTICAST_LIMIT}: ${busiest <= MULTICAST_LIMIT ? 'held' : 'NOT held'})   429s ${refused}   tenants not delivered exactly once: ${wrong}`,
    );
  }
}
