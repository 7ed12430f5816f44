import type { ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { forkTarget } from './fork-target.js';
import { startEnv, startOptions } from './start-options.js';
import { fmt, percentile } from './stats.js';

export { startEnv, startOptions } from './start-options.js';

const CONCURRENCY = 16;
const WARMUP = 500;
/** Blocks of load, alternating between the two bots (ABBA order), so a slow spell of this shared machine falls on both. */
const BLOCKS = 20;
const PER_BLOCK = 500;
/** The bench's eight questions (the PostgreSQL webhook bench asks them too). */
export const QUESTIONS = [
  'ITA ได้กี่คะแนน',
  'พนักงานเทศบาลห้ามทำอะไรบ้าง',
  'คู่มือลดการใช้ดุลยพินิจ',
  'เทศบาลเปิดเผยข้อมูลอะไรบ้าง',
  'ประกาศลงวันที่ ๑๐ มกราคม',
  'ร้านกาแฟแถวนี้มีที่ไหนบ้าง',
  'มาตรการ',
  'ผลคะแนนความโปร่งใสปีนี้',
];
/** Ways residents open and close the same question; with QUESTIONS they make 960 different texts. */
const OPENERS = ['', 'ขอถามว่า', 'อยากทราบว่า', 'สอบถาม', 'รบกวนถามหน่อย '];
const CLOSERS = ['', 'ครับ', 'ค่ะ', 'คะ', 'จ้า', 'นะ', 'หน่อย', 'ด้วยครับ'];
const MARKS = ['', '?', ' ??'];
/** Different texts of the `new` round before they repeat: 960. */
export const WORDINGS = QUESTIONS.length * OPENERS.length * CLOSERS.length * MARKS.length;

/**
 * What resident n asks. `repeated`: the eight questions over and over (as in earlier rounds of
 * this bench; the bot's memory of recent questions answers most of them). `new`: each text
 * differs from the last 959, more than the bot remembers (500), so every one is understood and
 * answered afresh, as a resident's own wording would be.
 */
export function questionFor(n: number, texts: 'repeated' | 'new'): string {
  const question = QUESTIONS[n % QUESTIONS.length]!;
  if (texts === 'repeated') return question;
  const k = Math.floor(n / QUESTIONS.length);
  return `${OPENERS[k % OPENERS.length]}${question}${CLOSERS[Math.floor(k / OPENERS.length) % CLOSERS.length]}${MARKS[Math.floor(k / (OPENERS.length * CLOSERS.length)) % MARKS.length]}`;
}

/** What one bot did over all its blocks. */
interface Tally {
  events: number;
  /** Seconds from each block's first request to its last 200. */
  ackSeconds: number;
  /** Seconds from each block's first request until LINE had every reply (our bot replies after the 200). */
  replySeconds: number;
  cpuMs: number;
  /** CPU time the LINE stand-in spent taking this bot's replies. */
  standInCpuMs: number;
  latencies: number[];
  errors: number;
  /** Events replied per second in each block, for the per-block ratios. */
  blockRates: number[];
}

const newTally = (): Tally => ({
  events: 0,
  ackSeconds: 0,
  replySeconds: 0,
  cpuMs: 0,
  standInCpuMs: 0,
  latencies: [],
  errors: 0,
  blockRates: [],
});

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. */
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
 * machine with the bots, so it should cost as little as it can (fetch took twice the CPU,
 * time the bot under test then did not get).
 */
function post(agent: http.Agent, url: string, signature: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'x-line-signature': signature,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

interface Target {
  name: string;
  child: ChildProcess;
  url: string;
  agent: http.Agent;
  sent: number;
  tally: Tally;
}

/**
 * One block of closed-loop load: 16 workers each send one signed single-event webhook (a
 * resident's question, unique event id) and wait for the 200 before sending the next; then
 * the block waits until the stand-in has every reply.
 */
async function block(
  target: Target,
  secret: string,
  count: number,
  standIn: ChildProcess,
  measure: boolean,
  texts: 'repeated' | 'new',
): Promise<void> {
  const replies = () => askReplies(standIn);
  const latencies: number[] = [];
  let errors = 0;
  const one = async () => {
    const n = target.sent++;
    const body = JSON.stringify({
      destination: 'U' + '0'.repeat(32),
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: Date.now(),
          webhookEventId: `01BENCH${randomBytes(10).toString('hex')}`,
          deliveryContext: { isRedelivery: false },
          source: { type: 'user', userId: 'U' + (n % 500).toString(16).padStart(32, '0') },
          replyToken: randomBytes(16).toString('hex'),
          message: { type: 'text', id: String(n), quoteToken: 'q', text: questionFor(n, texts) },
        },
      ],
    });
    const signature = createHmac('sha256', secret).update(body).digest('base64');
    const started = performance.now();
    const status = await post(target.agent, target.url, signature, body);
    latencies.push(performance.now() - started);
    if (status !== 200) errors += 1;
  };
  const repliesBefore = await replies();
  const cpuBefore = cpuMs(target.child.pid!);
  const standInBefore = cpuMs(standIn.pid!);
  const started = performance.now();
  let left = count;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) await one();
    }),
  );
  const acked = (performance.now() - started) / 1000;
  // Wait (bounded) for this block's replies, so none of its work spills into the next block.
  const deadline = Date.now() + 30_000;
  while ((await replies()) - repliesBefore < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
  const replied = (performance.now() - started) / 1000;
  if (!measure) return;
  const t = target.tally;
  t.events += count;
  t.ackSeconds += acked;
  t.replySeconds += replied;
  t.cpuMs += cpuMs(target.child.pid!) - cpuBefore;
  t.standInCpuMs += cpuMs(standIn.pid!) - standInBefore;
  t.latencies.push(...latencies);
  t.errors += errors;
  t.blockRates.push(count / replied);
}

/** The stand-in's count of replies so far. */
function askReplies(standIn: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    standIn.once('message', (m) => resolve((m as { replies: number }).replies));
    standIn.send('count');
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchWebhook(): Promise<void> {
  const token = randomBytes(16).toString('hex');
  const secret = randomBytes(16).toString('hex');
  const standIn = await forkTarget<{ url: string }>('line-stand-in.js', { BENCH_TOKEN: token });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-bench-'));
  const env = { BENCH_SECRET: secret, BENCH_TOKEN: token, BENCH_LINE_URL: standIn.ready.url, BENCH_DATA_DIR: dataDir };
  const start = async (
    name: string,
    script: string,
    execArgv: string[] = [],
    extraEnv: Record<string, string> = {},
  ): Promise<Target> => {
    const { child, ready } = await forkTarget<{ port: number }>(script, { ...env, ...extraEnv }, execArgv);
    return {
      name,
      child,
      url: `http://127.0.0.1:${ready.port}/webhook`,
      agent: new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY }),
      sent: 0,
      tally: newTally(),
    };
  };
  const echo = await start('echo bot (SDK baseline)', 'echo-bot.js');
  const botOptions = startOptions();
  const botEnv = startEnv();
  const bot = await start('Phon Sai bot', 'phonsai-bot.js', botOptions, botEnv);
  const rounds: Array<{ texts: 'repeated' | 'new'; echo: Tally; bot: Tally }> = [];
  try {
    await block(echo, secret, WARMUP, standIn.child, false, 'repeated');
    await block(bot, secret, WARMUP, standIn.child, false, 'repeated');
    for (const texts of ['repeated', 'new'] as const) {
      echo.tally = newTally();
      bot.tally = newTally();
      for (let i = 0; i < BLOCKS; i++) {
        const order = i % 4 === 0 || i % 4 === 3 ? [echo, bot] : [bot, echo];
        for (const target of order) await block(target, secret, PER_BLOCK, standIn.child, true, texts);
      }
      rounds.push({ texts, echo: echo.tally, bot: bot.tally });
    }
  } finally {
    for (const t of [echo, bot, standIn]) t.child.kill();
    echo.agent.destroy();
    bot.agent.destroy();
  }
  await fs.rm(dataDir, { recursive: true, force: true });

  console.log(
    `\nWebhook (our bot with npm start's Node options: ${botOptions.join(' ') || 'none'}; environment: ${
      Object.entries(botEnv)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || 'none'
    }): ${BLOCKS} blocks of ${PER_BLOCK} signed single-event webhooks per bot, taking turns (ABBA), ${CONCURRENCY} concurrent, replies to a lean loopback LINE reply endpoint in its own process`,
  );
  const summary = (r: Tally) => {
    r.latencies.sort((a, b) => a - b);
    return {
      repliedPerSec: r.events / r.replySeconds,
      ackedPerSec: r.events / r.ackSeconds,
      p50: percentile(r.latencies, 50),
      p99: percentile(r.latencies, 99),
      cpu: r.cpuMs / r.events,
      standInCpu: r.standInCpuMs / r.events,
      errors: r.errors,
    };
  };
  for (const round of rounds) {
    console.log(
      round.texts === 'repeated'
        ? `  The bench's eight questions, repeated (most answered from the bot's memory of recent questions):`
        : `  Every text new to the bot (the eight questions in 960 wordings, more than it remembers):`,
    );
    const e = summary(round.echo);
    const b = summary(round.bot);
    for (const [name, s] of [
      [echo.name, e],
      [bot.name, b],
    ] as const) {
      console.log(
        `    ${name.padEnd(24)} ${fmt(s.repliedPerSec, 0).padStart(5)} events/s replied (${fmt(s.ackedPerSec, 0)}/s acked)   ack p50 ${fmt(s.p50, 2)} ms   p99 ${fmt(s.p99, 2)} ms   CPU ${fmt(s.cpu, 2)} ms/event (stand-in ${fmt(s.standInCpu, 2)})   errors ${s.errors}`,
      );
    }
    // An event counts when its reply has reached LINE: our bot acknowledges first, so its acked rate alone would flatter it.
    const ratio = b.repliedPerSec / e.repliedPerSec;
    const blockRatios = round.bot.blockRates.map((rate, i) => rate / round.echo.blockRates[i]!);
    console.log(
      `    ratio bot/echo, events replied per second: ${fmt(ratio, 2)}× over all blocks (per block: median ${fmt(median(blockRatios), 2)}×, ${fmt(Math.min(...blockRatios), 2)}–${fmt(Math.max(...blockRatios), 2)}×) (target ≥ 0.77×: ${median(blockRatios) >= 0.77 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `    ack p99: bot ${fmt(b.p99, 2)} ms, echo bot ${fmt(e.p99, 2)} ms (target ≤ 50 ms: ${b.p99 <= 50 ? 'met' : 'NOT met'})`,
    );
  }
}
