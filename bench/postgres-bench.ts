import { benchPostgresFanOut } from './postgres-fanout-bench.js';
import { benchPostgresFollow } from './postgres-follow-bench.js';
import { startChannelsStandIn, type ChannelsStandIn } from './postgres-processes.js';
import { startBenchDatabase, type BenchDatabase } from './postgres-setup.js';
import { benchPostgresTenants } from './postgres-tenants-bench.js';
import { benchPostgresWebhook } from './postgres-webhook-bench.js';

const BENCHES: Record<string, (db: BenchDatabase, line: ChannelsStandIn) => Promise<void>> = {
  webhook: benchPostgresWebhook,
  fanout: benchPostgresFanOut,
  follow: (db) => benchPostgresFollow(db),
  tenants: benchPostgresTenants,
};

/**
 * The shared service's figures on PostgreSQL beside the single town's files, on a throwaway
 * cluster of Debian's PostgreSQL started for this run (durable, like a real server) and
 * removed after it. BENCH_POSTGRES=webhook,fanout runs only those. Without the binaries the
 * benches are NOT run: one line says why, and the run fails (exit code 1) unless
 * BENCH_SKIP_POSTGRES=1 says that is wanted; a bench that passes without running would hide it.
 */
export async function benchPostgres(): Promise<void> {
  if (process.env.BENCH_SKIP_POSTGRES === '1') {
    console.log('\nPostgreSQL benches NOT run: BENCH_SKIP_POSTGRES=1');
    return;
  }
  const db = await startBenchDatabase();
  if ('missing' in db) {
    console.log(`\nPostgreSQL benches NOT run: ${db.missing} (BENCH_SKIP_POSTGRES=1 to run without them)`);
    process.exitCode = 1;
    return;
  }
  const chosen = (process.env.BENCH_POSTGRES ?? Object.keys(BENCHES).join(',')).split(',').filter(Boolean);
  const line = await startChannelsStandIn();
  try {
    for (const name of chosen) {
      const bench = BENCHES[name];
      if (!bench) throw new Error(`BENCH_POSTGRES: no bench "${name}" (${Object.keys(BENCHES).join(', ')})`);
      await bench(db, line);
    }
  } finally {
    await line.stop();
    await db.stop();
  }
}
