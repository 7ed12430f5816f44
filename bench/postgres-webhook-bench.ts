import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { forkTarget, startService, type ChannelsStandIn, type Target } from './postgres-processes.js';
import { addTenant, type BenchDatabase } from './postgres-setup.js';
import { startEnv, startOptions } from './start-options.js';
import { fmt, percentile } from './stats.js';
import { QUESTIONS } from './webhook-bench.js';

const CONCURRENCY = 16;
const WARMUP = 300;
const ROUNDS = 6;
const PER_BLOCK = 400;

/** One way of serving the webhooks: its URLs (the load is spread over them), channel secret and token. */
interface Setup {
  name: string;
  urls: string[];
  agents: http.Agent[];
  secret: string;
  token: string;
  sent: number;
  events: number;
  ackSeconds: number;
  replySeconds: number;
  latencies: number[];
  errors: number;
}

function post(agent: http.Agent, url: string, secret: string, body: string): Promise<number> {
  const signature = createHmac('sha256', secret).update(body).digest('base64');
  return new Promise((resolve, reject) => {
    const headers = {
      'content-type': 'application/json',
      'x-line-signature': signature,
      'content-length': Buffer.byteLength(body),
    };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Resident n's question as LINE posts it: one text event, a unique event id. */
function eventBody(n: number): string {
  return JSON.stringify({
    destination: 'U' + '0'.repeat(32),
    events: [
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: `01PGBENCH${randomBytes(10).toString('hex')}`,
        deliveryContext: { isRedelivery: false },
        source: { type: 'user', userId: 'U' + (n % 500).toString(16).padStart(32, '0') },
        replyToken: randomBytes(16).toString('hex'),
        message: { type: 'text', id: String(n), quoteToken: 'q', text: QUESTIONS[n % QUESTIONS.length] },
      },
    ],
  });
}

/** Closed-loop load: 16 workers, worker i posting to URL i mod n; then waits until LINE has every reply. */
async function block(s: Setup, line: ChannelsStandIn, count: number, measure: boolean): Promise<void> {
  const replies = async () => (await line.stats())[s.token]?.replies ?? 0;
  const before = await replies();
  const latencies: number[] = [];
  let [left, errors] = [count, 0];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      const at = w % s.urls.length;
      while (left-- > 0) {
        const t = performance.now();
        const status = await post(s.agents[at]!, s.urls[at]!, s.secret, eventBody(s.sent++));
        latencies.push(performance.now() - t);
        if (status !== 200) errors += 1;
      }
    }),
  );
  const acked = (performance.now() - started) / 1000;
  const deadline = Date.now() + 30_000;
  while ((await replies()) - before < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  if (!measure) return;
  s.events += count;
  s.ackSeconds += acked;
  s.replySeconds += (performance.now() - started) / 1000;
  s.latencies.push(...latencies);
  s.errors += errors;
}

function setup(name: string, urls: string[], secret: string, token: string): Setup {
  const agents = urls.map(() => new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }));
  return {
    name,
    urls,
    agents,
    secret,
    token,
    sent: 0,
    events: 0,
    ackSeconds: 0,
    replySeconds: 0,
    latencies: [],
    errors: 0,
  };
}

/** The single town's bot on files (bench/targets/phonsai-bot.js, as in the webhook bench). */
async function startFileBot(line: ChannelsStandIn, secret: string, token: string) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-pg-webhook-'));
  const env = { ...startEnv(), BENCH_SECRET: secret, BENCH_TOKEN: token, BENCH_LINE_URL: line.ready.url };
  const bot = await forkTarget<{ port: number }>('phonsai-bot.js', { ...env, BENCH_DATA_DIR: dataDir }, startOptions());
  return {
    url: `http://127.0.0.1:${bot.ready.port}/webhook`,
    stop: async () => {
      await bot.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Webhook events per second: the single town on files, a tenant of the shared service with
 * one process, and the same tenant with two processes on the one database (the load split
 * between them, as a load balancer would), in rotating order, round after round. An event
 * counts when its reply has reached the LINE stand-in.
 */
export async function benchPostgresWebhook(db: BenchDatabase, line: ChannelsStandIn): Promise<void> {
  const tenant = await addTenant(db, 'webhook');
  const fileSecret = randomBytes(16).toString('hex');
  const fileToken = randomBytes(16).toString('hex');
  const fileBot = await startFileBot(line, fileSecret, fileToken);
  const services: Array<Target<unknown> & { url: string }> = [];
  try {
    for (let i = 0; i < 2; i++) services.push(await startService(db, [tenant], line.ready.url));
    const [a, b] = services.map((s) => `${s.url}/webhook/${tenant.id}`) as [string, string];
    const setups = [
      setup('single town (files)', [fileBot.url], fileSecret, fileToken),
      setup('tenant, 1 process (PostgreSQL)', [a], tenant.channelSecret, tenant.accessToken),
      setup('tenant, 2 processes (PostgreSQL)', [a, b], tenant.channelSecret, tenant.accessToken),
    ];
    for (const s of setups) await block(s, line, WARMUP, false);
    for (let round = 0; round < ROUNDS; round++)
      for (let k = 0; k < setups.length; k++) await block(setups[(round + k) % setups.length]!, line, PER_BLOCK, true);
    report(setups);
    for (const s of setups) s.agents.forEach((agent) => agent.destroy());
  } finally {
    await Promise.all([fileBot.stop(), ...services.map((s) => s.stop())]);
  }
}

function report(setups: Setup[]): void {
  console.log(
    `\nWebhook on PostgreSQL: ${ROUNDS} rounds of ${PER_BLOCK} signed single-event webhooks per setup (rotating order), ${CONCURRENCY} in flight, bench/webhook-bench.ts's eight questions repeated; an event counts when its reply reached the LINE stand-in`,
  );
  const rate = (s: Setup) => s.events / s.replySeconds;
  for (const s of setups) {
    s.latencies.sort((x, y) => x - y);
    console.log(
      `  ${s.name.padEnd(34)} ${fmt(rate(s), 0).padStart(5)} events/s replied (${fmt(s.events / s.ackSeconds, 0)}/s acked)   ack p50 ${fmt(percentile(s.latencies, 50), 2)} ms   p99 ${fmt(percentile(s.latencies, 99), 2)} ms   errors ${s.errors}`,
    );
  }
  const [files, one, two] = setups.map(rate) as [number, number, number];
  console.log(
    `  ratios, events replied per second: 1 process/files ${fmt(one / files, 2)}×, 2 processes/files ${fmt(two / files, 2)}×, 2 processes/1 process ${fmt(two / one, 2)}×`,
  );
}
