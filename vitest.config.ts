import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that get a fresh process each: whole bots (component, and the few elsewhere that
 * start one), browsers, the database, the compiled bot, module mocks (vi.mock) and nock, which
 * patches node:http for the whole process (test/helpers/unit-setup.ts fails a unit file that
 * does). Their global setups (the throwaway PostgreSQL cluster, the run's build) are theirs only.
 */
const OWN_PROCESS = [
  // Starts the compiled bot
  'test/component/crash-replay.test.ts',
  // Measures its process's memory, which other files' leftovers would spoil
  'test/component/tip-upload.test.ts',
  'test/**/*.browser.test.ts',
  'test/db/**',
  'test/service/**',
  'test/cli/tenant.test.ts',
  'test/cli/entry-point.test.ts',
  'test/server.test.ts',
  'test/line/webhook-intake.test.ts',
  'test/storage/background-task.test.ts',
  // Its loopback LINE must see Node's own http client: nock, loaded by a neighbour, swaps it
  'test/line/json-post.test.ts',
];

/**
 * Test files that start whole bots or load nock (through test/helpers/bot.ts or line-nock.ts)
 * and clean up after themselves: they share their worker's loaded modules and its nock, so the
 * source, the LINE schema checker and nock are loaded once per worker instead of once per file
 * (most of such a file's time). test/helpers/shared-process-setup.ts fails a file that leaves
 * interceptors, fake timers or environment changes behind.
 */
const BOT_FILES = [
  'test/component/*.test.ts',
  'test/line/line-gateway.test.ts',
  'test/bot/reply-sender.test.ts',
  'test/cli/publish.test.ts',
  'test/http/headers.test.ts',
  'test/storage/private-tree.test.ts',
  'test/tips/tip-lookups.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One test file per core, not Vitest's default of one less: most of a file's time is spent
    // waiting (on chromium, child processes, the disk, timers), not in its own process. Files
    // running side by side share nothing: each has its own temporary DATA_DIR, port, database
    // and browser, and the build is made once before any of them (test/helpers/global-setup.ts).
    maxWorkers: os.availableParallelism(),
    projects: [
      {
        // Unit tests share their worker's loaded modules (most of their time was importing
        // src/ afresh per file); spies are restored after every test so none outlives its file.
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...OWN_PROCESS, ...BOT_FILES],
          isolate: false,
          restoreMocks: true,
          setupFiles: ['test/helpers/unit-setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'bot',
          include: BOT_FILES,
          exclude: OWN_PROCESS,
          isolate: false,
          restoreMocks: true,
          setupFiles: ['test/helpers/shared-process-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'own-process',
          include: OWN_PROCESS.map((p) => (p.endsWith('/**') ? `${p}/*.test.ts` : p)),
          sequence: { groupOrder: 1 },
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
