import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Whether the run's file filters (`vitest run test/x.test.ts`) pick any test file whose text
 * matches `uses` (an import of the helper that needs the slow setup). Vitest keeps the filters
 * on an internal field: when it is not there (no filters, or another Vitest version) the answer
 * is yes, so a global setup never leaves out what a test needs.
 */
export function selectsTestsUsing(project: TestProject, uses: RegExp): boolean {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!filters?.length) return true;
  const root = project.config.root;
  const testDir = path.join(root, 'test');
  const users = fs
    .readdirSync(testDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts') && uses.test(fs.readFileSync(path.join(testDir, f), 'utf8')))
    .map((f) => path.join(testDir, f));
  return users.some((file) =>
    filters.some((f) => file.includes(f) || file === path.resolve(root, f) || path.relative(root, file).includes(f)),
  );
}
