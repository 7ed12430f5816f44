import type { TestProject } from 'vitest/node';
import build from './build-global-setup.js';
import chromium from './chromium-global-setup.js';
import postgres from './postgres-global-setup.js';

/**
 * Vitest globalSetup of the integration project: the throwaway PostgreSQL cluster, the one
 * build and the one chromium of the run are made side by side (each does nothing when no test
 * of its kind is selected). Returns their teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [stopPostgres, stopChromium] = await Promise.all([postgres(project), chromium(project), build(project)]);
  return async () => {
    await Promise.all([stopPostgres(), stopChromium()]);
  };
}
