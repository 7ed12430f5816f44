import path from 'node:path';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

/** The compiled project, built once per run by test/helpers/build-global-setup.ts. */
export const BUILT_DIR = path.join(PROJECT_ROOT, 'dist');
export const BUILT_SERVER = path.join(BUILT_DIR, 'src/server.js');

/** Fails (with tsc's own words) when this run's build reported errors, as `npm run build` would. */
export function requireCleanBuild(): void {
  const build = inject('build');
  if (!build.ok) throw new Error(`npm run build failed:\n${build.output}`);
}
