import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import readline from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const QUESTIONS = [
  'ITA ได้กี่คะแนน',
  'พนักงานเทศบาลห้ามทำอะไรบ้าง',
  'คู่มือลดการใช้ดุลยพินิจ',
  'เทศบาลเปิดเผยข้อมูลอะไรบ้าง',
  'ร้านกาแฟแถวนี้มีที่ไหนบ้าง',
  'มาตรการ',
];

/** A process of bench/targets that answers one IPC message with one message, in order. */
export interface Child<Ready> {
  child: ChildProcess;
  ready: Ready;
  ask<T>(message: unknown): Promise<T>;
  exited: Promise<void>;
}

/** Forks a bench target and waits for its first message (where it listens); `onLine` reads its stdout (the bot's log). */
export async function startChild<Ready>(
  script: string,
  env: Record<string, string>,
  onLine?: (line: string) => void,
  execArgv: string[] = [],
): Promise<Child<Ready>> {
  const child = fork(path.join(HERE, 'targets', script), {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'inherit', 'ipc'],
  });
  if (onLine) readline.createInterface({ input: child.stdout! }).on('line', onLine);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  let chain = Promise.resolve<unknown>(undefined);
  const ask = <T>(message: unknown) => {
    const next = chain.then(
      () => new Promise<T>((resolve) => (child.once('message', (m) => resolve(m as T)), child.send(message as object))),
    );
    chain = next.catch(() => undefined);
    return next;
  };
  return { child, ready, ask, exited };
}

/** One resident's question as LINE would send it; its reply token carries its issue time. */
export interface SentEvent {
  id: string;
  token: string;
  user: string;
  acked: boolean;
}

export function makeEvent(n: number, users: number): SentEvent & { json: unknown } {
  const id = `01FAULT${randomBytes(10).toString('hex')}`;
  const token = `${Date.now().toString(36)}.${randomBytes(12).toString('hex')}`;
  const user = 'U' + (n % users).toString(16).padStart(32, '0');
  const json = {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    webhookEventId: id,
    deliveryContext: { isRedelivery: false },
    source: { type: 'user', userId: user },
    replyToken: token,
    message: { type: 'text', id: String(n), quoteToken: 'q', text: QUESTIONS[n % QUESTIONS.length] },
  };
  return { id, token, user, acked: false, json };
}

/** Posts one signed webhook body; resolves with the HTTP status (0 when the bot is not there). */
export function postWebhook(agent: http.Agent, url: string, secret: string, events: unknown[]): Promise<number> {
  const body = JSON.stringify({ destination: 'U' + '0'.repeat(32), events });
  const signature = createHmac('sha256', secret).update(body).digest('base64');
  return new Promise((resolve) => {
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
    req.once('error', () => resolve(0));
    req.end(body);
  });
}

/**
 * Sends `count` questions, `perWebhook` to a body, `concurrency` bodies in flight; a body not
 * acknowledged with 200 is sent again later, as LINE redelivers (same ids and tokens), until
 * `stop()` says so. `url()` is read for every body, so a restarted bot is found.
 */
export async function sendQuestions(opts: {
  count: number;
  perWebhook: number;
  concurrency: number;
  users: number;
  url: () => string;
  secret: string;
  agent: http.Agent;
  pauseMs?: number;
  stop?: () => boolean;
}): Promise<SentEvent[]> {
  const all = Array.from({ length: opts.count }, (_, n) => makeEvent(n, opts.users));
  const bodies: Array<typeof all> = [];
  for (let i = 0; i < all.length; i += opts.perWebhook) bodies.push(all.slice(i, i + opts.perWebhook));
  const worker = async () => {
    for (let batch = bodies.shift(); batch; batch = bodies.shift()) {
      const status = await postWebhook(
        opts.agent,
        opts.url(),
        opts.secret,
        batch.map((e) => e.json),
      );
      if (status === 200) batch.forEach((e) => (e.acked = true));
      else if (!opts.stop?.()) {
        bodies.push(batch);
        await new Promise((r) => setTimeout(r, 50));
      }
      if (opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return all.map(({ json: _json, ...e }) => e);
}

/** Polls `done` until it says yes or `ms` have passed; the last answer. */
export async function waitFor(done: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return done();
}
