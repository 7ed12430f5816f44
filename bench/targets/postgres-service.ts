import express from 'express';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open-database.js';
import { createLogger } from '../../src/logger.js';
import { createSharedService } from '../../src/service/shared-service.js';

/**
 * One process of the shared service for the PostgreSQL benchmarks, built as `npm start` with
 * DATABASE_URL builds it (openDatabase: the schema checked, a pool of ten), but without a
 * single town: only the tenants' routes. Settings come from the environment (DATABASE_URL,
 * SERVICE_KEY, DATA_DIR, STAFF_TOKENS, LINE_API_BASE_URL, BENCH_POLL_MS). Every active
 * tenant's bot is started before it tells the benchmark {port}, so no measured request waits
 * for one to be built. Its log lines go to stdout, which the benchmark discards.
 */
const env = process.env;
const config = loadConfig({ ...env, LOG_LEVEL: 'info', LINE_DATA_API_BASE_URL: env.LINE_API_BASE_URL });
const logger = createLogger({ level: 'info' });
const database = await openDatabase(config.database!, logger);
const service = createSharedService({
  config,
  database,
  town: express(),
  logger,
  runtime: { publishing: { pollMs: Number(env.BENCH_POLL_MS ?? 5_000) } },
});
const started = performance.now();
const tenants = await service.tenants.warm();
const warmMs = performance.now() - started;
const server = service.app.listen(0, '127.0.0.1', () =>
  process.send?.({ port: (server.address() as { port: number }).port, tenants, warmMs }),
);

process.on('SIGTERM', () => {
  server.close();
  void service
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
