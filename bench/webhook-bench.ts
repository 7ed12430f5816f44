import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
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
  /** Events whose reply reached LINE, per second: the bot acknowledges before it replies, so this is its real pace. */
  drainedPerSec: number;
  /** CPU time the bot's process spent per measured event (all its threads), in ms; NaN where /proc is not readable. */
  cpuMsPerEvent: number;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * The load generator's HTTP client: Node's own http with kept-alive sockets. It shares the
 * machine with the bot, so it should cost as little as it can (fetch took twice the CPU,
 * time the bot under test then did not get).
 */
function post(agent: http.Agent, url: string, signature: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-line-signature': signature, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * Closed-loop load: 16 workers each send one signed single-event webhook (a resident's
 * question, unique event id) and wait for the 200 before sending the next.
 */
async function load(port: number, secret: string, replies: () => number, pid: number): Promise<RunResult> {
  const url = `http://127.0.0.1:${port}/webhook`;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
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
    const status = await post(agent, url, signature, body);
    if (status !== 200) errors += 1;
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
  const cpuBefore = cpuMs(pid);
  const started = performance.now();
  await run(MEASURED, true);
  const acked = (performance.now() - started) / 1000;
  // Wait (bounded) for the replies of the measured events to reach the stand-in.
  const deadline = Date.now() + 30_000;
  while (replies() - repliesBefore < MEASURED && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const drained = (performance.now() - started) / 1000;
  const cpuMsPerEvent = (cpuMs(pid) - cpuBefore) / MEASURED;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { eventsPerSec: MEASURED / acked, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, drainedPerSec: Math.min(replies() - repliesBefore, MEASURED) / drained, cpuMsPerEvent };
}

async function startTarget(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(HERE, 'targets', script), { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port };
}

/** Rounds of (echo bot, then our bot), each in fresh processes: load on a shared machine drifts, so the ratio is taken per round. */
const ROUNDS = 3;

export async function benchWebhook(): Promise<void> {
  const token = randomBytes(16).toString('hex');
  const secret = randomBytes(16).toString('hex');
  const standIn = await startLineStandIn({ token, contract: false, maxCalls: 100 });
  let replies = 0;
  standIn.on('message', () => (replies += 1));
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-bench-'));
  const env = { BENCH_SECRET: secret, BENCH_TOKEN: token, BENCH_LINE_URL: standIn.url, BENCH_DATA_DIR: dataDir };
  const run = async (script: string) => {
    const { child, port } = await startTarget(script, env);
    try {
      return await load(port, secret, () => replies, child.pid!);
    } finally {
      child.kill();
    }
  };
  const rounds: Array<{ echo: RunResult; bot: RunResult }> = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push({ echo: await run('echo-bot.js'), bot: await run('phonsai-bot.js') });
  await standIn.close();
  await fs.rm(dataDir, { recursive: true, force: true });

  console.log(`\nWebhook: ${MEASURED} signed single-event webhooks per run, ${CONCURRENCY} concurrent, replies to a loopback LINE stand-in; ${ROUNDS} rounds of echo bot then this bot`);
  const line = (name: string, r: RunResult) =>
    `    ${name.padEnd(24)} ${fmt(r.eventsPerSec, 0).padStart(5)} events/s acked, ${fmt(r.drainedPerSec, 0).padStart(5)}/s replied   ack p50 ${fmt(r.p50, 2)} ms   p99 ${fmt(r.p99, 2)} ms   CPU ${fmt(r.cpuMsPerEvent, 2)} ms/event   errors ${r.errors}`;
  // An event counts when its reply has reached LINE: our bot acknowledges first, so its acked rate alone would flatter it.
  const ratioOf = (r: { echo: RunResult; bot: RunResult }) => r.bot.drainedPerSec / r.echo.drainedPerSec;
  rounds.forEach((r, i) => {
    console.log(`  round ${i + 1}: ratio ${fmt(ratioOf(r), 2)}× (events replied per second)`);
    console.log(line('echo bot (SDK baseline)', r.echo));
    console.log(line('Phon Sai bot', r.bot));
  });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ratio = median(rounds.map(ratioOf));
  const botP99 = median(rounds.map((r) => r.bot.p99));
  const echoP99 = median(rounds.map((r) => r.echo.p99));
  console.log(`  median ratio bot/echo: ${fmt(ratio, 2)}× (target ≥ 0.70×: ${ratio >= 0.7 ? 'met' : 'NOT met'})`);
  console.log(`  median ack p99: bot ${fmt(botP99, 2)} ms, echo bot ${fmt(echoP99, 2)} ms (target ≤ 50 ms: ${botP99 <= 50 ? 'met' : 'NOT met'})`);
}
