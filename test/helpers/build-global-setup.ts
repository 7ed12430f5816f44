import { execFile } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../../src/paths.js';
import { selectsTestsUsing } from './selected-tests.js';

/** What the tests that run the compiled bot are told: whether tsc finished cleanly, and what it said. */
export interface ProvidedBuild {
  ok: boolean;
  output: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    build: ProvidedBuild;
  }
}

/**
 * Vitest globalSetup: the project compiled into dist/ once per run, as `npm run build` does, for
 * the tests that start dist/src/server.js or copy dist/ (they import test/helpers/built-project.ts).
 * One build instead of one per test file: less time, and no file reading dist/ while another
 * file's tsc rewrites it. tsc emits even when it reports type errors; each test decides whether
 * that matters (see requireCleanBuild). A run selecting none of those tests builds nothing.
 */
export default async function setup(project: TestProject): Promise<void> {
  if (!selectsTestsUsing(project, /built-project\.js/)) {
    project.provide('build', { ok: false, output: 'no test that needs the build was selected' });
    return;
  }
  const tsc = path.join(PROJECT_ROOT, 'node_modules/@typescript/native/bin/tsc');
  const build = await new Promise<ProvidedBuild>((resolve) =>
    execFile(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: PROJECT_ROOT }, (err, stdout, stderr) =>
      resolve({ ok: !err, output: `${stdout}${stderr}` }),
    ),
  );
  project.provide('build', build);
}
