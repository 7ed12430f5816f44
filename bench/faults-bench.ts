import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sendQuestions, startChild, waitFor, type Child, type SentEvent } from './faults-load.js';
import { fmt, percentile } from './stats.js';
import { startEnv, startOptions } from './start-options.js';

/** What the faults stand-in (bench/targets/faults-stand-in.ts) counted since its last reset. */
interface Counts {
  accepted: number;
  pushes: number;
  calls: number;
  reusedTokens: number;
  failed: number;
  hungToken: string | null;
  /** [reply token, when LINE accepted it (ms)] when asked for. */
  tokens?: Array<[string, number]>;
}

interface Rig {
  standIn: Child<{ url: string }>;
  env: Record<string, string>;
  secret: string;
  agent: http.Agent;
}

const goal = (ok: boolean) => (ok ? 'goal met' : 'goal NOT met');
const pct = (part: number, whole: number) => (whole === 0 ? NaN : (100 * part) / whole);
const issuedAt = (token: string) => parseInt(token.split('.')[0]!, 36);

/** A fresh bot on a fresh DATA_DIR, the stand-in reset to `faults`; the bot is stopped afterwards. */
async function withBot<T>(
  rig: Rig,
  { gc, ...faults }: { failRate?: number; latencyMs?: number; hangNext?: boolean; gc?: boolean },
  run: (bot: Child<{ port: number }>, dataDir: string) => Promise<T>,
  onLine?: (line: string) => void,
): Promise<T> {
  await rig.standIn.ask({ type: 'reset' });
  await rig.standIn.ask({ type: 'faults', faults: { failRate: 0, latencyMs: 0, hangNext: false, ...faults }, seed: 7 });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-faults-'));
  const bot = await startChild<{ port: number }>(
    'faults-bot.js',
    { ...startEnv(), ...rig.env, BENCH_DATA_DIR: dataDir },
    onLine,
    [...startOptions(), ...(gc ? ['--expose-gc'] : [])],
  );
  try {
    return await run(bot, dataDir);
  } finally {
    bot.child.kill('SIGKILL');
    await bot.exited;
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** Waits until LINE has `expected` replies, or nothing moved for 12 s (a hung call is given up after 10 s), at most 80 s. */
async function settle(rig: Rig, expected: number): Promise<Counts> {
  let last = -1;
  let quietSince = Date.now();
  await waitFor(async () => {
    const c = await rig.standIn.ask<Counts>({ type: 'stats' });
    if (c.calls !== last) [last, quietSince] = [c.calls, Date.now()];
    return c.accepted >= expected || Date.now() - quietSince > 12_000;
  }, 80_000);
  return rig.standIn.ask<Counts>({ type: 'stats', tokens: true });
}

/** Share of acknowledged questions whose reply LINE accepted (within the token's 60 s). */
function answered(sent: SentEvent[], counts: Counts): { acked: number; answered: number; waits: number[] } {
  const at = new Map(counts.tokens ?? []);
  const acked = sent.filter((e) => e.acked);
  const waits = acked
    .flatMap((e) => (at.has(e.token) ? [at.get(e.token)! - issuedAt(e.token)] : []))
    .sort((a, b) => a - b);
  return { acked: acked.length, answered: waits.length, waits };
}

const url = (bot: Child<{ port: number }>) => () => `http://127.0.0.1:${bot.ready.port}/webhook`;

async function failing(rig: Rig): Promise<string> {
  return withBot(rig, { failRate: 0.3, latencyMs: 20 }, async (bot) => {
    const sent = await sendQuestions({
      count: 1_000,
      perWebhook: 1,
      concurrency: 16,
      users: 500,
      url: url(bot),
      secret: rig.secret,
      agent: rig.agent,
    });
    const counts = await settle(rig, sent.length);
    const a = answered(sent, counts);
    const share = pct(a.answered, a.acked);
    return `30% of LINE calls answer 500: ${a.answered}/${a.acked} residents answered (${fmt(share, 1)}%; ${counts.failed} calls refused, ${counts.calls} calls in all)   (≥ 99%: ${goal(share >= 99)})`;
  });
}

async function slow(rig: Rig): Promise<string> {
  return withBot(rig, { latencyMs: 2_000 }, async (bot) => {
    const sent = await sendQuestions({
      count: 1_000,
      perWebhook: 1,
      concurrency: 32,
      users: 1_000,
      url: url(bot),
      secret: rig.secret,
      agent: rig.agent,
    });
    const a = answered(sent, await settle(rig, sent.length));
    const share = pct(a.answered, a.acked);
    return `LINE answers after 2 s, burst of 1,000: ${a.answered}/${a.acked} answered within the token's 60 s (${fmt(share, 1)}%), last ${fmt(a.waits.at(-1)! / 1000, 1)} s after its question, median ${fmt(percentile(a.waits, 50) / 1000, 1)} s   (≥ 99%: ${goal(share >= 99)})`;
  });
}

async function hanging(rig: Rig): Promise<string> {
  return withBot(rig, { latencyMs: 20, hangNext: true }, async (bot) => {
    const sent = await sendQuestions({
      count: 300,
      perWebhook: 1,
      concurrency: 16,
      users: 300,
      url: url(bot),
      secret: rig.secret,
      agent: rig.agent,
    });
    const counts = await settle(rig, sent.length);
    const others = sent.filter((e) => e.token !== counts.hungToken);
    const a = answered(others, counts);
    const hungAt = new Map(counts.tokens ?? []).get(counts.hungToken ?? '');
    const hungWait =
      hungAt === undefined ? 'never' : `${fmt((hungAt - issuedAt(counts.hungToken!)) / 1000, 1)} s later, by a retry`;
    return `one LINE call hangs: ${a.answered}/${a.acked} other residents answered (p99 wait ${fmt(percentile(a.waits, 99), 0)} ms, max ${fmt(a.waits.at(-1) ?? NaN, 0)} ms); the hung one answered ${hungWait}   (others answered: ${goal(a.answered === a.acked && percentile(a.waits, 99) < 5_000)})`;
  });
}

/** What the bot's log lines ("event", one per event handled) said, by event id. */
function eventLog(): { outcomes: Map<string, string[]>; onLine: (line: string) => void } {
  const outcomes = new Map<string, string[]>();
  const onLine = (line: string) => {
    if (!line.includes('"msg":"event"')) return;
    const { eventId, outcome } = JSON.parse(line) as { eventId: string; outcome: string };
    outcomes.set(eventId, [...(outcomes.get(eventId) ?? []), outcome]);
  };
  return { outcomes, onLine };
}

/**
 * Load on the bot (about 100 questions a second) while it is SIGKILLed `kills` times and
 * restarted on the same DATA_DIR. Lost: acknowledged and never handled (no answer, no log line).
 * Twice: a reply call with a token LINE had already taken.
 */
async function crashes(rig: Rig, kills: number): Promise<string> {
  const log = eventLog();
  return withBot(
    rig,
    { latencyMs: 100 },
    async (first, dataDir) => {
      let bot = first;
      let done = false;
      const sending = sendQuestions({
        count: 3_000,
        perWebhook: 5,
        concurrency: 2,
        pauseMs: 100,
        users: 400,
        url: () => `http://127.0.0.1:${bot.ready.port}/webhook`,
        secret: rig.secret,
        agent: rig.agent,
        stop: () => done,
      });
      for (let i = 0; i < kills; i++) {
        await new Promise((r) => setTimeout(r, 700 + Math.random() * 600));
        bot.child.kill('SIGKILL');
        await bot.exited;
        bot = await startChild<{ port: number }>(
          'faults-bot.js',
          { ...startEnv(), ...rig.env, BENCH_DATA_DIR: dataDir },
          log.onLine,
          startOptions(),
        );
      }
      const sent = await sending;
      done = true;
      const counts = await settle(rig, sent.filter((e) => e.acked).length);
      const answeredAt = new Map(counts.tokens ?? []);
      const acked = sent.filter((e) => e.acked);
      const unanswered = acked.filter((e) => !answeredAt.has(e.token));
      // Handled shows as an answer or as a log line (one killed just before its line was written is answered).
      const lost = unanswered.filter((e) => !log.outcomes.has(e.id)).length;
      const cut = unanswered.filter((e) => log.outcomes.get(e.id)?.includes('already-replied')).length;
      const late = unanswered.filter((e) => log.outcomes.get(e.id)?.some((o) => o.includes('reply-expired'))).length;
      bot.child.kill('SIGKILL');
      return `${kills} SIGKILLs under load (${acked.length} questions acknowledged): events lost ${lost}, replies sent twice ${counts.reusedTokens}   (0 and 0: ${goal(lost === 0 && counts.reusedTokens === 0)}); not answered ${unanswered.length} (${cut} whose reply had started when the process died, ${late} past the token's life)`;
    },
    log.onLine,
  );
}

async function memory(rig: Rig): Promise<string> {
  return withBot(rig, { gc: true }, async (bot) => {
    const heap: number[] = [];
    const live: number[] = [];
    // RSS as it is, then the JS heap still reachable after a full GC (what is kept, not garbage).
    const rss = async () => {
      const m = await bot.ask<{ rss: number; heapUsed: number }>('memory');
      heap.push(m.heapUsed / 2 ** 20);
      live.push((await bot.ask<{ heapUsed: number }>('live')).heapUsed / 2 ** 20);
      return m.rss / 2 ** 20;
    };
    const idle = await rss();
    const load = (count: number) =>
      sendQuestions({
        count,
        perWebhook: 10,
        concurrency: 8,
        users: 5_000,
        url: url(bot),
        secret: rig.secret,
        agent: rig.agent,
      });
    const started = performance.now();
    await load(20_000);
    await settle(rig, 20_000);
    const at20k = await rss();
    await load(40_000);
    await settle(rig, 60_000);
    const at60k = await rss();
    const seconds = (performance.now() - started) / 1000;
    const ok = at60k <= at20k * 1.1 && at60k < 200;
    return `RSS (npm start's Node options): idle ${fmt(idle, 0)} MB, after 20,000 events ${fmt(at20k, 0)} MB, after 60,000 ${fmt(at60k, 0)} MB (${fmt(pct(at60k - at20k, at20k), 1)}% more; JS heap in use ${heap.map((h) => fmt(h, 0)).join(' → ')} MB, of it live after a full GC ${live.map((h) => fmt(h, 0)).join(' → ')} MB; ${fmt(60_000 / seconds, 0)} events/s)   (60k within 10% of 20k and < 200 MB: ${goal(ok)})`;
  });
}

/**
 * `npm run bench`, faults: the bot in its own process (npm start's build and Node options,
 * replaying its inbox at start) against a loopback LINE stand-in in another that injects 500s, delays, a hang.
 * BENCH_FAULTS=crashes,memory runs only the scenarios named.
 */
export async function benchFaults(only = process.env.BENCH_FAULTS?.split(',')): Promise<void> {
  const token = randomBytes(16).toString('hex');
  const secret = randomBytes(16).toString('hex');
  const standIn = await startChild<{ url: string }>('faults-stand-in.js', { BENCH_TOKEN: token });
  const rig: Rig = {
    standIn,
    secret,
    agent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    env: { BENCH_SECRET: secret, BENCH_TOKEN: token, BENCH_LINE_URL: standIn.ready.url },
  };
  console.log(
    '\nFaults: our bot in its own process, questions as signed webhooks, a loopback LINE stand-in in its own process (single-use reply tokens that expire after 60 s)',
  );
  try {
    const scenarios = { failing, slow, hanging, crashes: (r: Rig) => crashes(r, 10), memory };
    for (const [name, scenario] of Object.entries(scenarios))
      if (!only || only.includes(name)) console.log(`  ${await scenario(rig)}`);
  } finally {
    standIn.child.kill();
    rig.agent.destroy();
  }
}
