import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';

/**
 * The bot under the faults benchmark, as `npm start` builds it (events acknowledged before
 * the last stop are replayed at start, as server.ts does), writing its log line per event as
 * in production. It tells its memory (RSS and JS heap in use) when asked, after a full GC if
 * asked for the live size.
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
const server = runtime.app.listen(0, '127.0.0.1', () => {
  // The port is announced once the replay has started (a promise with PostgreSQL's inbox);
  // a failure is left unhandled on purpose, so the target exits and the bench says so
  void Promise.resolve(runtime.replayPending()).then(() =>
    process.send?.({ port: (server.address() as { port: number }).port }),
  );
});
// 'live': after a full collection (when started with --expose-gc), to tell data kept from garbage not yet collected.
process.on('message', (m) => {
  if (m === 'live') (globalThis as { gc?: () => void }).gc?.();
  // 'snapshot': a heap snapshot in the working folder, to compare what is kept after 20,000 and 60,000 events.
  if (m === 'snapshot') return process.send?.({ file: writeHeapSnapshot() });
  if (m === 'spaces')
    return process.send?.({
      ...process.memoryUsage(),
      spaces: getHeapSpaceStatistics().map((s) => [
        s.space_name,
        Math.round(s.space_size / 2 ** 20),
        Math.round(s.space_used_size / 2 ** 20),
      ]),
    });
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ rss, heapUsed });
});
process.on('SIGTERM', () => process.exit(0));
