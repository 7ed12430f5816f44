import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLineStandIn } from '../src/demo/line-stand-in.js';
import { fmt, percentile } from './stats.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONCURRENCY = 16;
const WARMUP = 300;
const MEASURED = 3000;
const QUESTIONS = ['ITA ได้กี่คะแนน', 'พนักงานเทศบาลห้ามทำอะไรบ้าง', 'คู่มือลดการใช้ดุลยพินิจ', 'เทศบาลเปิดเผยข้อมูลอะไรบ้าง', 'ประกาศลงวันที่ ๑๐ มกราคม', 'ร้านกาแฟแถวนี้มีที่ไหนบ้าง', 'มาตรการ', 'ผลคะแนนความโปร่งใสปีนี้'];

interface RunResult {
  eventsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  /** Seconds until every reply had reached LINE (the bot acknowledges before replying). */
  drainedPerSec: number;
}

/**
 * Closed-loop load: 16 workers each send one signed single-event webhook (a resident's
 * question, unique event id) and wait for the 200 before sending the next.
 */
async function load(port: number, secret: string, replies: () => number): Promise<RunResult> {
  const url = `http://127.0.0.1:${port}/webhook`;
  let sent = 0;
  let errors = 0;
  const latencies: number[] = [];
  const one = async (measure: boolean) => {
    const n = sent++;
    const body = JSON.stringify({
      destination: 'U' + '0'.repeat(32),
      events: [{ type: 'message', mode: 'active', timestamp: Date.now(), webhookEventId: `01BENCH${randomBytes(10).toString('hex')}`, deliveryContext: { isRedelivery: false }, source: { type: 'user', userId: 'U' + (n % 500).toString(16).padStart(32, '0') }, replyToken: randomBytes(16).toString('hex'), message: { type: 'text', id: String(n), quoteToken: 'q', text: QUESTIONS[n % QUESTIONS.length] } }],
    });
    const signature = createHmac('sha256', secret).update(body).digest('base64');
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
    await res.arrayBuffer();
    if (res.status !== 200) errors += 1;
    if (measure) latencies.push(performance.now() - started);
  };
  const run = async (count: number, measure: boolean) => {
    let left = count;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await one(measure);
    }));
  };
  await run(WARMUP, false);
  const repliesBefore = replies();
  const started = performance.now();
  await run(MEASURED, true);
  const acked = (performance.now() - started) / 1000;
  // Wait (bounded) for the replies of the measured events to reach the stand-in.
  const deadline = Date.now() + 30_000;
  while (replies() - repliesBefore < MEASURED && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const drained = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { eventsPerSec: MEASURED / acked, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, drainedPerSec: Math.min(replies() - repliesBefore, MEASURED) / drained };
}

async function startTarget(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(HERE, 'targets', script), { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

export async function benchWebhook(): Promise<void> {
  const token = randomBytes(16).toString('hex');
  const secret = randomBytes(16).toString('hex');
  const standIn = await startLineStandIn({ token, contract: false, maxCalls: 100 });
  let replies = 0;
  standIn.on('message', () => (replies += 1));
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-bench-'));
  const env = { BENCH_SECRET: secret, BENCH_TOKEN: token, BENCH_LINE_URL: standIn.url, BENCH_DATA_DIR: dataDir };
  const results: Record<string, RunResult> = {};
  for (const [name, script] of [['echo bot (SDK baseline)', 'echo-bot.js'], ['Phon Sai bot', 'phonsai-bot.js']] as const) {
    const { child, port } = await startTarget(script, env);
    try {
      results[name] = await load(port, secret, () => replies);
    } finally {
      child.kill();
    }
  }
  await standIn.close();
  await fs.rm(dataDir, { recursive: true, force: true });

  console.log(`\nWebhook: ${MEASURED} signed single-event webhooks, ${CONCURRENCY} concurrent, replies to a loopback LINE stand-in`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name.padEnd(24)} ${fmt(r.eventsPerSec, 0).padStart(6)} events/s acked   ack p50 ${fmt(r.p50, 2)} ms   p99 ${fmt(r.p99, 2)} ms   replies delivered ${fmt(r.drainedPerSec, 0)}/s   errors ${r.errors}`);
  }
  const base = results['echo bot (SDK baseline)']!;
  const bot = results['Phon Sai bot']!;
  const ratio = bot.eventsPerSec / base.eventsPerSec;
  console.log(`  ratio bot/echo: ${fmt(ratio, 2)}× (target ≥ 0.70×: ${ratio >= 0.7 ? 'met' : 'NOT met'}); bot p99 ack ${fmt(bot.p99, 2)} ms (target ≤ 50 ms: ${bot.p99 <= 50 ? 'met' : 'NOT met'})`);
}
