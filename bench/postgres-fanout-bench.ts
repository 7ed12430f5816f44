import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFriends } from './friends-on-disk.js';
import { forkTarget, publishThrough, startService, type ChannelsStandIn } from './postgres-processes.js';
import { addTenant, insertFriends, type BenchDatabase } from './postgres-setup.js';
import { fmt } from './stats.js';
import type { ChannelStats } from './targets/channels-stand-in.js';

const SUBSCRIBERS = 100_000;
/** 100,000 recipients in multicasts of 500 = 200 requests; at LINE's 200 a second per channel, 1 s. */
const FLOOR_S = SUBSCRIBERS / 500 / 200;
const RUNS = 2;
const GOAL = 1.2;

interface FanOutRun {
  wallS: number;
  /** From the request to the first multicast: planning the batches. */
  firstS: number;
  channel: ChannelStats;
}

const runOf = (started: number, channel: ChannelStats): FanOutRun => ({
  wallS: (channel.lastAcceptedAt - started) / 1000,
  firstS: (channel.firstMulticastAt - started) / 1000,
  channel,
});

/** Waits until the stand-in has accepted `count` recipients on the channel (or a minute passed). */
export async function delivered(line: ChannelsStandIn, token: string, count: number): Promise<ChannelStats> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const channel = (await line.stats())[token];
    if ((channel && channel.recipients >= count) || Date.now() > deadline) return channel!;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const input = (run: number) => ({
  topic: 'news',
  title: `ประกาศเทศบาล ฉบับที่ ${run + 1}`,
  body: 'ขอเชิญประชาชนร่วมงานประเพณีบุญบั้งไฟ ณ สนามกีฬาเทศบาล',
});

/** The single town on files: bench/targets/fanout-bot.js on 100,000 friends written to disk, publishing RUNS times. */
async function fileRuns(line: ChannelsStandIn): Promise<FanOutRun[]> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-pg-fanout-'));
  const key = randomBytes(32).toString('base64');
  await writeFriends(dataDir, SUBSCRIBERS, Buffer.from(key, 'base64'));
  const token = randomBytes(16).toString('hex');
  const bot = await forkTarget<unknown>('fanout-bot.js', {
    BENCH_DATA_DIR: dataDir,
    BENCH_KEY: key,
    BENCH_TOKEN: token,
    BENCH_LINE_URL: line.ready.url,
  });
  const runs: FanOutRun[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      await line.reset();
      // Its own 'done' comes once every batch is settled
      const settled = new Promise((r) => bot.child.once('message', r));
      const started = Date.now();
      bot.child.send({ type: 'publish', input: input(run) });
      runs.push(runOf(started, await delivered(line, token, SUBSCRIBERS)));
      await settled;
    }
  } finally {
    bot.child.send({ type: 'stop' });
    await bot.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
  return runs;
}

/** A tenant of the shared service with 100,000 friends in its rows, one service process, publishing RUNS times. */
async function postgresRuns(db: BenchDatabase, line: ChannelsStandIn): Promise<FanOutRun[]> {
  const tenant = await addTenant(db, 'fanout');
  await insertFriends(tenant.scope, SUBSCRIBERS);
  const service = await startService(db, [tenant], line.ready.url);
  const runs: FanOutRun[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      await line.reset();
      const started = Date.now();
      await publishThrough(service, tenant, input(run).title);
      runs.push(runOf(started, await delivered(line, tenant.accessToken, SUBSCRIBERS)));
    }
  } finally {
    await service.stop();
  }
  return runs;
}

function printRuns(name: string, runs: FanOutRun[]): void {
  for (const [i, { wallS, firstS, channel }] of runs.entries()) {
    const missing = SUBSCRIBERS - channel.recipients;
    console.log(
      `  ${name.padEnd(28)} run ${i + 1}: ${fmt(wallS, 2)} s = ${fmt(wallS / FLOOR_S, 2)}× the floor   first multicast after ${fmt(firstS, 2)} s   busiest second ${channel.busiestSecond} multicasts (limit 200)   429s ${channel.statuses[429] ?? 0}   ${channel.recipients} accepted, ${channel.twice} twice, ${missing} missing`,
    );
  }
}

/**
 * Fan-out of one publication to 100,000 subscribers, the single town's files beside a tenant
 * on PostgreSQL (its batches claimed from delivery_batches, its multicast slots from
 * line_rate_limits), both through the same loopback LINE stand-in (20 ms a request, 429 past
 * 200 multicasts in a second). Wall time from the request to publish to LINE's last accepted
 * multicast, against LINE's 1 s floor.
 */
export async function benchPostgresFanOut(db: BenchDatabase, line: ChannelsStandIn): Promise<void> {
  const files = await fileRuns(line);
  const postgres = await postgresRuns(db, line);
  console.log(
    `\nFan-out on PostgreSQL: one publication to ${fmt(SUBSCRIBERS, 0)} subscribers (multicasts of 500), ${RUNS} runs per backend, one bot process each, LINE stand-in with 20 ms latency and 429 past 200 multicasts a second; wall from the publish request to LINE's last accepted multicast`,
  );
  printRuns('single town (files)', files);
  printRuns('tenant (PostgreSQL)', postgres);
  const best = (runs: FanOutRun[]) => Math.min(...runs.map((r) => r.wallS));
  const worst = (runs: FanOutRun[]) => Math.max(...runs.map((r) => r.wallS));
  const once = [...files, ...postgres].every((r) => r.channel.twice === 0 && r.channel.recipients === SUBSCRIBERS);
  console.log(
    `  goal ≤ ${GOAL}× the ${FLOOR_S} s floor on PostgreSQL: ${worst(postgres) / FLOOR_S <= GOAL ? 'met' : 'NOT met'} (${fmt(best(postgres) / FLOOR_S, 2)}–${fmt(worst(postgres) / FLOOR_S, 2)}×; files ${fmt(best(files) / FLOOR_S, 2)}–${fmt(worst(files) / FLOOR_S, 2)}×, PostgreSQL/files ${fmt(best(postgres) / best(files), 2)}× best to best); every recipient accepted exactly once: ${once ? 'yes' : 'NO'}`,
  );
}
