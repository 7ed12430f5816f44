import type { Logger } from '../logger.js';
import type { Config } from '../config.js';
import { migrate } from './migrate.js';
import { openPool, type Pool } from './pool.js';
import { TenantRepository } from './tenants.js';

export interface Database {
  pool: Pool;
  tenants: TenantRepository;
  close(): Promise<void>;
}

/**
 * What the bot does at start when DATABASE_URL is set: bring the schema up to date (several
 * processes starting together apply each migration once), then open the pool. The log names
 * the migrations applied, never the URL (it may hold a password).
 */
export async function openDatabase(database: NonNullable<Config['database']>, log: Logger): Promise<Database> {
  const applied = await migrate(database.url);
  if (applied.length) log.info('database migrated', { applied: applied.join(',') });
  const pool = openPool(database.url, {
    onIdleError: (err) => log.warn('database connection lost', { error: err.name }),
  });
  return { pool, tenants: new TenantRepository(pool, database.serviceKey), close: () => pool.end() };
}
