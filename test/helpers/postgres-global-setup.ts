import type { TestProject } from 'vitest/node';
import { postgresBin, startCluster } from './postgres-cluster.js';
import { selectsTestsUsing } from './selected-tests.js';

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
  if (!selectsTestsUsing(project, /postgres-database\.js|store-contract\.js/)) {
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
