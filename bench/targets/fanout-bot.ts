import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRuntime } from '../../src/runtime.js';

/**
 * The bot for the fan-out benchmark, in its own process (so its memory is its own and a kill
 * is a real kill). It reports how long it took to start; on {publish} it publishes through
 * the use case and reports when every batch is settled; started again after a kill it
 * reports once the interrupted delivery has finished.
 */
const env = process.env;
const sample = { peakRss: process.memoryUsage().rss, peakHeap: process.memoryUsage().heapUsed };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  sample.peakRss = Math.max(sample.peakRss, m.rss);
  sample.peakHeap = Math.max(sample.peakHeap, m.heapUsed);
}, 10);

const startedAt = performance.now();
const config = loadConfig({ DATA_DIR: env.BENCH_DATA_DIR!, TIP_ENCRYPTION_KEY: env.BENCH_KEY!, LOG_LEVEL: 'error' });
const runtime = await createRuntime({
  config,
  channel: {
    channelSecret: 'bench-secret',
    channelAccessToken: env.BENCH_TOKEN!,
    apiBaseUrl: env.BENCH_LINE_URL!,
    dataApiBaseUrl: env.BENCH_LINE_URL!,
  },
  logger: createLogger({ level: 'error' }),
});
const startupMs = performance.now() - startedAt;

/** Resolves when no publication is sending any more. */
async function settled(): Promise<void> {
  while (
    runtime.publishing
      .list()
      .some((p) => p.status === 'sending' || (p.status === 'scheduled' && p.publishAt <= new Date().toISOString()))
  ) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

process.on('message', (raw) => {
  const message = raw as { type: string; input?: unknown };
  void (async () => {
    if (message.type === 'publish') {
      const t0 = performance.now();
      const pub = await runtime.publishing.create(message.input, { actor: 'bench', source: 'api' });
      const plannedMs = performance.now() - t0;
      await settled();
      const wallMs = performance.now() - t0;
      process.send?.({
        type: 'done',
        id: pub.id,
        wallMs,
        plannedMs,
        view: (await runtime.publishing.describe(await runtime.publishing.require(pub.id))).delivery,
        ...sample,
      });
    } else if (message.type === 'finish') {
      await settled();
      process.send?.({
        type: 'done',
        ...sample,
        views: runtime.publishing
          .list()
          .map((p) => ({ id: p.id, status: p.status, ...runtime.publishing.view(p).delivery, batches: undefined })),
      });
    } else if (message.type === 'stop') {
      clearInterval(sampler);
      await runtime.close();
      process.exit(0);
    }
  })();
});
process.send?.({ type: 'ready', startupMs, friends: (await runtime.friends.counts()).following });
