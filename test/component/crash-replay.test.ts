import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, TOKEN, sign, textEvent, userId, webhookBody } from '../helpers/events.js';
import { BUILT_SERVER as SERVER } from '../helpers/built-project.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A LINE reply endpoint on loopback: single-use tokens, answers after `latencyMs`, every call kept. */
async function replyEndpoint(latencyMs: number) {
  const calls: Array<{ token: string; status: number }> = [];
  const used = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { replyToken?: string };
      const urlPath = req.url ?? '';
      expectLineValid(urlPath, body, Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])));
      let status = 200;
      if (urlPath === '/v2/bot/message/reply') {
        const token = String(body.replyToken);
        status = used.has(token) ? 400 : 200;
        used.add(token);
        calls.push({ token, status });
      }
      const answer = status === 200 ? '{"sentMessages":[]}' : '{"message":"Invalid reply token"}';
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(answer), latencyMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    calls,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
  };
}

/** The built bot in live mode against `lineUrl`; resolves with its port once it listens. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /"msg":"listening","port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}: ${err.slice(0, 500)}`)));
  });
  child.stdout.resume();
  return { child, port };
}

/** Event ids the inbox file marks as "reply started" (the record format of src/line/inbox.ts). */
async function markedReplying(file: string): Promise<Set<string>> {
  const marked = new Set<string>();
  for (const line of (await fs.readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { op: string; id: string; replied?: boolean };
    if (r.op === 'replying' || (r.op === 'in' && r.replied)) marked.add(r.id);
  }
  return marked;
}

const until = async (done: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('crash while replying', () => {
  let line: Awaited<ReturnType<typeof replyEndpoint>>;
  // The project is built once for the run (test/helpers/build-global-setup.ts); tsc emits even
  // when another part of the tree does not typecheck yet, and a bot that cannot start fails below.
  beforeAll(async () => {
    line = await replyEndpoint(400);
  });
  afterAll(() => line.close());

  it('when the bot is SIGKILLed with replies on their way and events waiting, then after a restart every event is answered and no reply token is used twice', async () => {
    const dataDir = await tempDir();
    const env = {
      DATA_DIR: dataDir,
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      TIP_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      LOG_LEVEL: 'info',
    };
    const events = Array.from({ length: 140 }, (_, i) =>
      textEvent(userId(800 + (i % 40)), ['ผลคะแนน ITA', 'มาตรการ', 'ประกาศ'][i % 3]!),
    );
    const first = await startServer(env);
    const post = async (batch: typeof events) => {
      const body = webhookBody(...batch);
      const res = await fetch(`http://127.0.0.1:${first.port}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
        body,
      });
      expect(res.status).toBe(200);
    };
    await post(events.slice(0, 40));
    // Some replies have reached LINE and wait for its answer; then a batch is acknowledged and the bot dies at once.
    await until(() => line.calls.length >= 5, 10_000);
    await post(events.slice(40));
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const before = new Set(line.calls.map((c) => c.token));
    const marked = await markedReplying(path.join(dataDir, 'state', 'inbox.jsonl'));
    const byToken = new Map(events.map((e) => [e.replyToken, e.webhookEventId]));
    // Every reply LINE saw was marked before it left.
    for (const token of before) expect(marked.has(byToken.get(token)!)).toBe(true);
    expect(before.size).toBeLessThan(events.length);

    const second = await startServer(env);
    const unmarked = events.filter((e) => !marked.has(e.webhookEventId));
    await until(() => unmarked.every((e) => line.calls.some((c) => c.token === e.replyToken)), 20_000);
    await new Promise((r) => setTimeout(r, 600));
    second.child.kill('SIGKILL');

    const perToken = new Map<string, number>();
    for (const c of line.calls) perToken.set(c.token, (perToken.get(c.token) ?? 0) + 1);
    expect([...perToken.values()].filter((n) => n > 1)).toEqual([]);
    expect(line.calls.every((c) => c.status === 200)).toBe(true);
    // Nothing that was not yet replying is lost; a marked event is answered at most once.
    for (const e of unmarked) expect(perToken.get(e.replyToken)).toBe(1);
    expect(unmarked.length).toBeGreaterThan(0);
  }, 60_000);
});
