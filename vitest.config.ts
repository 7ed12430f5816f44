import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One throwaway PostgreSQL cluster for the run's database tests (never fails the run itself)
    globalSetup: ['test/helpers/postgres-global-setup.ts'],
  },
});
