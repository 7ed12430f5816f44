import type { TestProject } from 'vitest/node';
import build from './build-global-setup.js';
import postgres from './postgres-global-setup.js';

/**
 * Vitest globalSetup of the own-process project: the throwaway PostgreSQL cluster and the one
 * build of the run are made side by side (each does nothing when no test of its kind is selected).
 * Returns the cluster's teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [stopPostgres] = await Promise.all([postgres(project), build(project)]);
  return stopPostgres;
}
