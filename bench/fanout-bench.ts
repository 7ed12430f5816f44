import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLineStandIn, type FailRule } from '../src/demo/line-stand-in.js';
import { benchUser, writeFriends } from './friends-on-disk.js';
import { fmt } from './stats.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SUBSCRIBERS = 100_000;
const MULTICAST = '/v2/bot/message/multicast';
/** 100,000 recipients in batches of 500 = 200 requests; at LINE's 200 per second, 1 s. */
const FLOOR_S = SUBSCRIBERS / 500 / 200;
/** The clean run is repeated and its median reported (a shared machine makes single runs noisy). */
const CLEAN_RUNS = 3;
const INPUT = {
  topic: 'news',
  title: 'เทศบาลตำบลโพนทรายขอเชิญร่วมงานประเพณีบุญบั้งไฟ',
  body: 'ขอเชิญประชาชนร่วมงานประเพณีบุญบั้งไฟ วันเสาร์ที่ 9 พฤษภาคม ณ สนามกีฬาเทศบาล',
};

type ChildMessage =
  | { type: 'ready'; startupMs: number; friends: number }
  | {
      type: 'done';
      wallMs?: number;
      plannedMs?: number;
      peakRss: number;
      peakHeap: number;
      view?: Record<string, unknown>;
    };

interface Bot {
  child: ChildProcess;
  ready: { startupMs: number; friends: number };
  next(): Promise<ChildMessage>;
}

async function startBot(env: Record<string, string>): Promise<Bot> {
  const child = fork(path.join(HERE, 'targets', 'fanout-bot.js'), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const inbox: ChildMessage[] = [];
  let wake: (() => void) | null = null;
  child.on('message', (m) => {
    inbox.push(m as ChildMessage);
    wake?.();
  });
  const next = async (): Promise<ChildMessage> => {
    while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
    return inbox.shift()!;
  };
  const ready = (await next()) as Extract<ChildMessage, { type: 'ready' }>;
  return { child, ready, next };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

interface Run {
  name: string;
  wallS: number;
  startupMs: number;
  peakRssMb: number;
  peakHeapMb: number;
  statuses: Map<number, number>;
  deliveries: Map<string, number>;
  restarts: number;
}

/** One scenario on a fresh copy of the 100,000 friends and a fresh stand-in (fresh retry-key memory). */
async function scenario(
  name: string,
  template: string,
  key: string,
  failRate: FailRule | undefined,
  killAfterMs: number[] = [],
): Promise<Run> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-fanout-'));
  await fs.cp(template, dataDir, { recursive: true });
  const token = randomBytes(16).toString('hex');
  const standIn = await startLineStandIn({
    token,
    latencyMs: 20,
    rateLimits: { [MULTICAST]: 200 },
    contract: false,
    maxCalls: 1_000,
    warn: () => undefined,
    ...(failRate ? { failRate } : {}),
  });
  const statuses = new Map<number, number>();
  const deliveries = new Map<string, number>();
  standIn.on('call', (c) => c.path === MULTICAST && statuses.set(c.status, (statuses.get(c.status) ?? 0) + 1));
  standIn.on('message', (d) => {
    if (d.kind === 'multicast' && Array.isArray(d.to))
      for (const to of d.to) deliveries.set(to, (deliveries.get(to) ?? 0) + 1);
  });
  const env = { BENCH_DATA_DIR: dataDir, BENCH_KEY: key, BENCH_TOKEN: token, BENCH_LINE_URL: standIn.url };
  let bot = await startBot(env);
  const startupMs = bot.ready.startupMs;
  const started = performance.now();
  bot.child.send({ type: 'publish', input: INPUT });
  // Crash drill: SIGKILL at the given moments, then start again on the same DATA_DIR.
  for (const ms of killAfterMs) {
    await new Promise((r) => setTimeout(r, ms));
    bot.child.kill('SIGKILL');
    await killed(bot.child);
    bot = await startBot(env);
    bot.child.send({ type: 'finish' });
  }
  const done = (await bot.next()) as Extract<ChildMessage, { type: 'done' }>;
  const wallS = (killAfterMs.length ? performance.now() - started : done.wallMs!) / 1000;
  bot.child.send({ type: 'stop' });
  await killed(bot.child);
  await standIn.close();
  await fs.rm(dataDir, { recursive: true, force: true });
  return {
    name,
    wallS,
    startupMs,
    peakRssMb: done.peakRss / 2 ** 20,
    peakHeapMb: done.peakHeap / 2 ** 20,
    statuses,
    deliveries,
    restarts: killAfterMs.length,
  };
}

function exactlyOnce(run: Run): string {
  const twice = [...run.deliveries.values()].filter((n) => n > 1).length;
  const missing = Array.from({ length: SUBSCRIBERS }, (_, i) => benchUser(i)).filter(
    (u) => !run.deliveries.has(u),
  ).length;
  const ok = twice === 0 && missing === 0;
  return `${fmt(run.deliveries.size, 0)} recipients accepted, ${twice} twice, ${missing} missing (exactly once: ${ok ? 'yes' : 'NO'})`;
}

export async function benchFanOut(): Promise<void> {
  const template = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-friends-'));
  const key = randomBytes(32).toString('base64');
  await writeFriends(template, SUBSCRIBERS, Buffer.from(key, 'base64'));
  const rule = (when: 'before' | 'after'): FailRule => ({ path: MULTICAST, rate: 0.1, when, seed: 7 });
  const clean: Run[] = [];
  for (let i = 0; i < CLEAN_RUNS; i++) clean.push(await scenario('no failures', template, key, undefined));
  clean.sort((a, b) => a.wallS - b.wallS);
  const runs = [
    { ...clean[Math.floor(CLEAN_RUNS / 2)]!, name: `no failures (median of ${CLEAN_RUNS})` },
    await scenario('10% 500s, refused', template, key, rule('before')),
    await scenario('10% 500s after LINE took it', template, key, rule('after')),
    await scenario('SIGKILL twice mid-delivery', template, key, undefined, [400, 300]),
  ];
  await fs.rm(template, { recursive: true, force: true });

  console.log(
    `\nFan-out: one publication to ${fmt(SUBSCRIBERS, 0)} subscribers (batches of 500), bot in its own process, loopback LINE stand-in with 20 ms latency and multicast limited to 200 requests/s (429 above)`,
  );
  for (const run of runs) {
    const count = (s: number) => run.statuses.get(s) ?? 0;
    const calls = [...run.statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `  ${run.name.padEnd(30)} wall ${fmt(run.wallS, 2)} s = ${fmt(run.wallS / FLOOR_S, 2)}× the ${FLOOR_S} s floor   requests ${calls} (200: ${count(200)}, 409: ${count(409)}, 500: ${count(500)}, 429: ${count(429)})   peak RSS ${fmt(run.peakRssMb, 0)} MB, heap ${fmt(run.peakHeapMb, 0)} MB${run.restarts ? `   ${run.restarts} restarts` : ''}`,
    );
    console.log(`  ${''.padEnd(30)} ${exactlyOnce(run)}`);
  }
  const median = runs[0]!;
  const ratio = median.wallS / FLOOR_S;
  console.log(`  clean runs: ${clean.map((r) => `${fmt(r.wallS, 2)} s`).join(', ')}`);
  console.log(
    `  targets: wall ≤ 1.5× floor: ${ratio <= 1.5 ? 'met' : 'NOT met'} (${fmt(ratio, 2)}×, best ${fmt(clean[0]!.wallS / FLOOR_S, 2)}×); 429s provoked 0: ${runs.every((r) => !r.statuses.get(429)) ? 'met' : 'NOT met'}; every recipient accepted exactly once in every run: ${runs.every((r) => exactlyOnce(r).endsWith('yes)')) ? 'yes' : 'NO'}; bot start with ${fmt(SUBSCRIBERS, 0)} friends ${fmt(median.startupMs, 0)} ms`,
  );
}
