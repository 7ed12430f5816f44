import path from 'node:path';
import { runner } from 'node-pg-migrate';
import { PROJECT_ROOT } from '../paths.js';

/** The versioned schema changes, applied in file-name order (node-pg-migrate, plain SQL files). */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations');
const MIGRATIONS_TABLE = 'pgmigrations';

/**
 * Applies every migration not yet applied and returns their names (none: already current).
 * Each runs in one transaction with the others; bot processes starting together wait for
 * each other's advisory lock instead of failing, and the second finds nothing left to do.
 */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    migrationsTable: MIGRATIONS_TABLE,
    direction: 'up',
    count: Infinity,
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    // The tool's own progress lines would carry SQL; the caller reports what was applied
    logger: { info: () => {}, warn: () => {}, error: () => {} },
  });
  return applied.map((m) => m.name);
}
