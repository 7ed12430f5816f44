import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

const provided = inject('postgres');
// Like the browser tests: a machine without PostgreSQL skips these, CI must run them
if (!provided.adminUrl && process.env.CI) throw new Error(`database tests cannot run: ${provided.reason}`);

/** False (with `reason`) when this run has no PostgreSQL: use with describe.skipIf(!hasPostgres). */
export const hasPostgres = provided.adminUrl !== null;
export const noPostgresReason = provided.reason;

/** The login role tests connect as: not a superuser and it bypasses nothing, like a real service's. */
export const APP_USER = 'bot';

/** Runs SQL as the cluster's superuser (creating databases, checking what the owner sees). */
export async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: withPath(provided.adminUrl!, database, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new empty database owned by the `bot` role, and the DATABASE_URL that reaches it as `bot`.
 * Each test file takes its own, so files running side by side never see each other's rows.
 */
export async function freshDatabase(): Promise<{ url: string; name: string }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await asAdmin(async (c) => {
    // Roles belong to the cluster: the first file to get here creates it
    await c.query(
      `DO $$ BEGIN CREATE ROLE ${APP_USER} LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    await c.query(`CREATE DATABASE ${name} OWNER ${APP_USER}`);
  });
  return { url: withPath(provided.adminUrl!, name, APP_USER), name };
}

/** The superuser's connection string to one database (for pg_dump and the like). */
export const adminUrlOf = (database: string): string => withPath(provided.adminUrl!, database, 'postgres');

function withPath(url: string, database: string, user: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  u.searchParams.set('user', user);
  return u.toString();
}
