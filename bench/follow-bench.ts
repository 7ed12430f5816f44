import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { TOPIC_IDS } from '../src/subscriptions/topics.js';
import { createRuntime } from '../src/runtime.js';
import { benchUser, openFriends, writeFriends } from './friends-on-disk.js';
import { fmt, percentile } from './stats.js';

const SIZES = [1_000, 100_000];
const FOLLOWS = 400;
const STARTS = 3;

interface SizeResult {
  size: number;
  followP50: number;
  followP99: number;
  unsubscribeP50: number;
  bytesPerFollow: number;
  openMs: number;
  startupMs: number;
  fileMb: number;
}

/**
 * One follow, one unsubscribe (as the bot records them: seal, append one line, fdatasync)
 * with 1,000 and with 100,000 friends already on disk, and what opening those friends and
 * starting the whole bot costs. The target: a write costs the same at both sizes (≤ 2×),
 * because it appends one line instead of rewriting the file.
 */
async function measure(size: number, key: Buffer): Promise<SizeResult> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-follow-'));
  await writeFriends(dataDir, size, key);
  const file = path.join(dataDir, 'state', 'friends.jsonl');
  const fileMb = (await fs.stat(file)).size / 2 ** 20;

  const opened = performance.now();
  const { friends, store } = await openFriends(dataDir, key);
  const openMs = performance.now() - opened;
  const before = (await fs.stat(file)).size;
  const follows: number[] = [];
  const unsubscribes: number[] = [];
  for (let i = 0; i < FOLLOWS; i++) {
    const user = benchUser(size + i);
    let t = performance.now();
    await friends.follow(user, new Date(), [...TOPIC_IDS]);
    follows.push(performance.now() - t);
    t = performance.now();
    await friends.unsubscribe(user, new Date());
    unsubscribes.push(performance.now() - t);
  }
  const bytesPerFollow = ((await fs.stat(file)).size - before) / (2 * FOLLOWS);
  await store.close();

  const starts: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const t = performance.now();
    const runtime = await createRuntime({
      config: loadConfig({ DATA_DIR: dataDir, TIP_ENCRYPTION_KEY: key.toString('base64'), LOG_LEVEL: 'error' }),
      channel: {
        channelSecret: 'bench',
        channelAccessToken: 'bench',
        apiBaseUrl: 'http://127.0.0.1:9',
        dataApiBaseUrl: 'http://127.0.0.1:9',
      },
      logger: createLogger({ level: 'error' }),
    });
    starts.push(performance.now() - t);
    await runtime.close();
  }
  await fs.rm(dataDir, { recursive: true, force: true });
  follows.sort((a, b) => a - b);
  unsubscribes.sort((a, b) => a - b);
  starts.sort((a, b) => a - b);
  return {
    size,
    followP50: percentile(follows, 50),
    followP99: percentile(follows, 99),
    unsubscribeP50: percentile(unsubscribes, 50),
    bytesPerFollow,
    openMs,
    startupMs: percentile(starts, 50),
    fileMb,
  };
}

export async function benchFollow(): Promise<void> {
  const key = randomBytes(32);
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measure(size, key));
  console.log(
    `\nStorage: one follow and one unsubscribe (sealed, one appended line, fdatasync), ${FOLLOWS} of each, and the start of the whole bot (median of ${STARTS})`,
  );
  for (const r of results) {
    console.log(
      `  ${fmt(r.size, 0).padStart(7)} friends on disk (${fmt(r.fileMb, 1)} MB)   follow p50 ${fmt(r.followP50, 2)} ms, p99 ${fmt(r.followP99, 2)} ms   unsubscribe p50 ${fmt(r.unsubscribeP50, 2)} ms   ${fmt(r.bytesPerFollow, 0)} bytes written per change   open friends ${fmt(r.openMs, 0)} ms   bot start ${fmt(r.startupMs, 0)} ms`,
    );
  }
  const [small, large] = results as [SizeResult, SizeResult];
  const ratio = large.followP50 / small.followP50;
  console.log(
    `  targets: follow at 100,000 vs 1,000 = ${fmt(ratio, 2)}× (≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}); start with 100,000 friends ${fmt(large.startupMs, 0)} ms (< 2,000 ms: ${large.startupMs < 2000 ? 'met' : 'NOT met'})`,
  );
}
