import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';

/**
 * The bot under test, as `npm start` builds it, on a fresh DATA_DIR, writing its log line per
 * event as in production (to stdout, which the benchmark discards).
 */
const config = loadConfig({ DATA_DIR: process.env.BENCH_DATA_DIR!, LOG_LEVEL: 'info' });
const runtime = await createRuntime({
  config,
  channel: {
    channelSecret: process.env.BENCH_SECRET!,
    channelAccessToken: process.env.BENCH_TOKEN!,
    apiBaseUrl: process.env.BENCH_LINE_URL!,
    dataApiBaseUrl: process.env.BENCH_LINE_URL!,
  },
  logger: createLogger({ level: 'info' }),
});
const server = runtime.app.listen(0, '127.0.0.1', () =>
  process.send?.({ port: (server.address() as { port: number }).port }),
);

// Exit cleanly when the benchmark is done, so profilers and open files are flushed.
process.on('SIGTERM', () => process.exit(0));
