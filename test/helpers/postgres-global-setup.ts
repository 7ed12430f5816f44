import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { postgresBin, startCluster } from './postgres-cluster.js';

/** What the database tests are told: the cluster's superuser URL, or why there is none. */
export interface ProvidedPostgres {
  adminUrl: string | null;
  reason: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster per run, stopped at the end. It never
 * throws, so a machine without PostgreSQL still runs every other test: the database tests
 * read the reason and skip, or fail when CI is set (see test/helpers/postgres-database.ts).
 * A run given file filters that select no database test starts no cluster.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const none = async () => {};
  const bin = postgresBin();
  if (!bin) {
    project.provide('postgres', {
      adminUrl: null,
      reason: 'PostgreSQL binaries missing under /usr/lib/postgresql (apt-get install postgresql)',
    });
    return none;
  }
  if (!selectsDatabaseTests(project)) {
    project.provide('postgres', { adminUrl: null, reason: 'no database test selected in this run' });
    return none;
  }
  try {
    const cluster = await startCluster(bin);
    project.provide('postgres', { adminUrl: cluster.adminUrl, reason: '' });
    return () => cluster.stop();
  } catch (err) {
    project.provide('postgres', { adminUrl: null, reason: (err as Error).message });
    return none;
  }
}

/**
 * Whether the run's file filters (`vitest run test/x.test.ts`) pick any test that uses the
 * database helper. Vitest keeps the filters on an internal field: when it is not there (no
 * filters, or another Vitest version) the answer is yes, so the cluster is never missing.
 */
function selectsDatabaseTests(project: TestProject): boolean {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!filters?.length) return true;
  const root = project.config.root;
  const testDir = path.join(root, 'test');
  const databaseTests = fs
    .readdirSync(testDir, { recursive: true, encoding: 'utf8' })
    .filter(
      (f) =>
        f.endsWith('.test.ts') &&
        /postgres-database\.js|store-contract\.js/.test(fs.readFileSync(path.join(testDir, f), 'utf8')),
    )
    .map((f) => path.join(testDir, f));
  return databaseTests.some((file) =>
    filters.some((f) => file.includes(f) || file === path.resolve(root, f) || path.relative(root, file).includes(f)),
  );
}
