import pg from 'pg';

/**
 * A connection pool for DATABASE_URL. An idle connection the server drops (a restart, a
 * failover) is reported on the pool; without a listener Node would end the process for it,
 * while the pool simply opens a new connection on the next query.
 */
export function openPool(
  databaseUrl: string,
  options: { max?: number; onIdleError?: (err: Error) => void } = {},
): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, application_name: 'phonsai-bot' });
  pool.on('error', options.onIdleError ?? (() => {}));
  return pool;
}

export type { Pool, PoolClient } from 'pg';
