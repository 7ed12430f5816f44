import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that get a fresh process each: a module replaced (vi.mock), memory figures that
 * other files' leftovers would spoil, and Node's own http client, which nock (loaded by a
 * neighbour) swaps.
 */
const OWN_PROCESS = [
  'test/component/tip-upload.test.ts',
  'test/line/webhook-intake.test.ts',
  'test/line/json-post.test.ts',
];

/**
 * Test files that start whole bots or the shared service, load nock (through
 * test/helpers/bot.ts or line-nock.ts), drive chromium, use PostgreSQL or the compiled bot,
 * and clean up after themselves. They share their worker's loaded modules and its nock, so the
 * source, the LINE schema checker and nock are loaded once per worker instead of once per file
 * (most of such a file's time); the page tests share the run's one chromium, each in browser
 * contexts of its own. test/helpers/shared-process-setup.ts fails a file that leaves
 * interceptors, fake timers or environment changes behind.
 */
const INTEGRATION = [
  'test/component/**/*.test.ts',
  'test/**/*.browser.test.ts',
  'test/db/**/*.test.ts',
  'test/service/**/*.test.ts',
  'test/cli/tenant.test.ts',
  'test/cli/entry-point.test.ts',
  'test/cli/publish.test.ts',
  'test/server.test.ts',
  'test/line/line-gateway.test.ts',
  'test/bot/reply-sender.test.ts',
  'test/http/headers.test.ts',
  'test/storage/private-tree.test.ts',
  'test/storage/background-task.test.ts',
  'test/tips/tip-lookups.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One test file more than there are cores: most of a file's time is spent waiting (on
    // chromium, child processes, disk syncs, timers), not in its own process, so a third file
    // uses what the two leave idle (on 2 cores, the tip component files took 37 s instead of
    // 51 s, with the same CPU time). Files running side by side share no data: each has its own
    // temporary DATA_DIR, port, database and browser contexts, and the build is made once
    // before any of them (global setups).
    maxWorkers: os.availableParallelism() + 1,
    // The three groups run side by side. Vitest queues files by group name (integration,
    // own-process, unit) and, within a group, the slowest of the last run first: the long
    // browser and multi-process files start at once, and the short unit files fill the cores
    // at the end, instead of the run ending with one long file on one core.
    projects: [
      {
        // Unit tests share their worker's loaded modules (most of their time was importing
        // src/ afresh per file); spies are restored after every test so none outlives its file.
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...OWN_PROCESS, ...INTEGRATION],
          isolate: false,
          restoreMocks: true,
          setupFiles: ['test/helpers/unit-setup.ts'],
        },
      },
      {
        // The run's one PostgreSQL cluster, build and chromium (test/helpers/global-setup.ts)
        // are made for this group, and only when a selected file needs them.
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          exclude: OWN_PROCESS,
          isolate: false,
          restoreMocks: true,
          setupFiles: ['test/helpers/shared-process-setup.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'own-process',
          include: OWN_PROCESS,
        },
      },
    ],
  },
});
