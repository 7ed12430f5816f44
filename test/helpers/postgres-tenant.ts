import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { deriveKeys } from '../../src/crypto/keys.js';
import { afterAll, beforeAll } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { openPool, type Pool } from '../../src/db/pool.js';
import { TenantRepository } from '../../src/db/tenants.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { asAdmin, freshDatabase } from './postgres-database.js';

const SERVICE_KEY = Buffer.alloc(32, 9);
/** Every test tenant's LINE channel credentials (a dump must not show them). */
export const TENANT_CHANNEL = { secret: 'c0ffee-channel-secret-value', token: 'long-lived-access-token-value' };

/** Every migration file's name, in the order they apply. */
export const ALL_MIGRATIONS = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''))
  .sort();

/** A migrated database of its own for one test file, with a pool connecting as the service's role. */
export interface TestDatabase {
  name: string;
  url: string;
  pool: Pool;
  /** The tenants table under the tests' service key. */
  tenants: TenantRepository;
  /** A new tenant (a fresh id and data key), as `npm run tenant -- add` makes it. */
  newTenant(): Promise<TenantScope>;
  /** Another pool on the same database: what a second bot process would have. */
  secondPool(): Pool;
  /** Every row of the tables as text, as the superuser's `pg_dump` would show them. */
  dump(tables: string[]): Promise<string>;
  /** One tenant's rows of a table as text, as the superuser sees them (row security does not apply to it). */
  dumpWhere(table: string, tenantId: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function migratedDatabase(): Promise<TestDatabase> {
  const { url, name } = await freshDatabase();
  await migrate(url);
  const pools = [openPool(url, { max: 4 })];
  const pool = pools[0]!;
  const tenants = new TenantRepository(pool, SERVICE_KEY);
  return {
    name,
    url,
    pool,
    tenants,
    async newTenant() {
      const id = `t-${randomBytes(4).toString('hex')}`;
      await tenants.add({ id, name: id, channelSecret: TENANT_CHANNEL.secret, accessToken: TENANT_CHANNEL.token });
      return { pool, tenantId: id, keys: deriveKeys((await tenants.secrets(id))!.dataKey) };
    },
    secondPool() {
      const other = openPool(url, { max: 4 });
      pools.push(other);
      return other;
    },
    dump: (tables) =>
      asAdmin(async (c) => {
        const parts = [];
        for (const t of tables)
          parts.push(...(await c.query(`SELECT ${t}::text AS row FROM ${t}`)).rows.map((r) => r.row));
        return parts.join('\n');
      }, name),
    dumpWhere: (table, tenantId) =>
      asAdmin(
        async (c) =>
          (
            await c.query<{ row: string }>(`SELECT x::text AS row FROM ${table} x WHERE tenant_id = $1 ORDER BY 1`, [
              tenantId,
            ])
          ).rows.map((r) => r.row),
        name,
      ),
    close: async () => {
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

/** A migrated database for the test file's describe block: made before its tests, closed after. */
export function useMigratedDatabase(): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await migratedDatabase();
  });
  afterAll(() => db?.close());
  return () => db!;
}
