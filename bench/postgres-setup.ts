import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { userRef } from '../src/crypto/keys.js';
import { seal } from '../src/crypto/sealed.js';
import { migrate } from '../src/db/migrate.js';
import { openPool, type Pool } from '../src/db/pool.js';
import { tenantScope } from '../src/db/postgres-stores.js';
import type { TenantScope } from '../src/db/tenant-scope.js';
import { inTenant } from '../src/db/tenant-scope.js';
import { TenantRepository } from '../src/db/tenants.js';
import { postgresBin, socketUrl, startThrowawayCluster, type Cluster } from '../src/db/throwaway-cluster.js';
import { TOPIC_IDS } from '../src/subscriptions/topics.js';
import { benchUser } from './friends-on-disk.js';

/** The benchmarks' database: a throwaway cluster, one database owned by the service's login role, migrated. */
export interface BenchDatabase {
  url: string;
  serviceKey: Buffer;
  pool: Pool;
  tenants: TenantRepository;
  stop(): Promise<void>;
}

/** A tenant as the benchmark drives it: its webhook secret, its channel (token) at the stand-in, its stores' scope. */
export interface BenchTenant {
  id: string;
  channelSecret: string;
  accessToken: string;
  staffToken: string;
  scope: TenantScope;
}

const APP_USER = 'bot';
/** Friends written per INSERT (one statement of unnest arrays). */
const ROWS_PER_INSERT = 5_000;

/**
 * Starts a throwaway cluster with Debian's binaries, durable as a real server (commits wait
 * for the disk), and a migrated database reached as a role that is not a superuser. Answers
 * why not when the binaries are missing or the cluster will not start.
 */
export async function startBenchDatabase(): Promise<BenchDatabase | { missing: string }> {
  const bin = postgresBin();
  if (!bin) return { missing: 'PostgreSQL binaries missing under /usr/lib/postgresql (apt-get install postgresql)' };
  let cluster: Cluster;
  try {
    cluster = await startThrowawayCluster(bin, { label: 'bench PostgreSQL', durable: true });
  } catch (err) {
    return { missing: (err as Error).message };
  }
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query(`CREATE ROLE ${APP_USER} LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS`);
  await admin.query(`CREATE DATABASE bench OWNER ${APP_USER}`);
  await admin.end();
  const url = socketUrl(cluster.dir, cluster.port, APP_USER, 'bench');
  await migrate(url);
  const pool = openPool(url, { max: 10 });
  const serviceKey = randomBytes(32);
  return {
    url,
    serviceKey,
    pool,
    tenants: new TenantRepository(pool, serviceKey),
    stop: async () => {
      await pool.end();
      await cluster.stop();
    },
  };
}

/** Adds a tenant (as `npm run tenant -- add` does) with fresh channel credentials and a staff token. */
export async function addTenant(db: BenchDatabase, id: string): Promise<BenchTenant> {
  const [channelSecret, accessToken] = [randomBytes(16).toString('hex'), randomBytes(24).toString('base64url')];
  await db.tenants.add({ id, name: `เทศบาลตำบล ${id}`, channelSecret, accessToken });
  const scope = await tenantScope(db.pool, db.tenants, id);
  return { id, channelSecret, accessToken, staffToken: randomBytes(24).toString('hex'), scope };
}

/** STAFF_TOKENS for these tenants: `id/bench:token` each. */
export const staffTokens = (tenants: BenchTenant[]): string =>
  tenants.map((t) => `${t.id}/bench:${t.staffToken}`).join(',');

/**
 * `count` friends following every topic (users benchUser(first) ...), written as the bot
 * writes them (keyed by ref, the id sealed) but ROWS_PER_INSERT to a statement; then the
 * table's statistics are read again, as autovacuum would within a minute of such a load.
 * Without that the planner still thinks the tenant has a few hundred friends and reads all
 * 100,000 rows for each batch of 500 (measured: 85 ms a batch instead of 2, fan-out 22 s).
 */
export async function insertFriends(scope: TenantScope, count: number, first = 0): Promise<void> {
  const at = new Date('2026-01-01T00:00:00Z');
  for (let i = 0; i < count; i += ROWS_PER_INSERT) {
    const users = Array.from({ length: Math.min(ROWS_PER_INSERT, count - i) }, (_, j) => benchUser(first + i + j));
    await inTenant(scope, (c) =>
      c.query(
        `INSERT INTO friends (tenant_id, ref, user_sealed, following, first_followed_at, changed_at, topics)
         SELECT $1, r, u, true, $4, $4, $5 FROM unnest($2::text[], $3::text[]) AS f(r, u)`,
        [
          scope.tenantId,
          users.map((u) => userRef(scope.keys, u)),
          users.map((u) => seal(scope.keys.people, u)),
          at,
          [...TOPIC_IDS],
        ],
      ),
    );
  }
  await scope.pool.query('ANALYZE friends');
}
