import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_SERVER, requireCleanBuild } from '../helpers/built-project.js';
import { sign, textEvent, userId, webhookBody } from '../helpers/events.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { freshDatabase, hasPostgres } from '../helpers/postgres-database.js';
import { tempDir } from '../helpers/temp-dir.js';
import { newTown } from './service-harness.js';

const ADMIN = 'service-admin-token-for-the-start-test-0123';

/** A LINE API stand-in on loopback: records each call, answers as LINE does. */
async function lineStandIn() {
  const calls: Array<{ path: string; authorization: string; body: Record<string, unknown> }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      calls.push({
        path: req.url ?? '',
        authorization: req.headers.authorization ?? '',
        body: JSON.parse(body || '{}') as Record<string, unknown>,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"sentMessages":[{"id":"1","quoteToken":"q"}]}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise((r) => server.close(r)) };
}

/** The built server, started as `npm start` starts it, with its output kept. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [BUILT_SERVER], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const until = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const m = pattern.exec(out);
        if (m) resolve(m);
      };
      child.stdout.on('data', look);
      look();
      void exited.then((code) => reject(new Error(`exited with ${code}: ${out.slice(-500)}`)));
    });
  return { child, exited, until };
}

describe.skipIf(!hasPostgres)('npm start with DATABASE_URL', () => {
  let line: Awaited<ReturnType<typeof lineStandIn>>;
  beforeAll(async () => {
    requireCleanBuild();
    line = await lineStandIn();
  });
  afterAll(async () => {
    await line.close();
  });

  it('when a tenant is added through the admin API, then its webhook is served with its own channel, and after a restart its bot starts by itself', async () => {
    const env = {
      DATA_DIR: await tempDir(),
      DATABASE_URL: (await freshDatabase()).url,
      SERVICE_KEY: Buffer.alloc(32, 3).toString('base64'),
      SERVICE_ADMIN_TOKEN: ADMIN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
    };
    const town = newTown('f-town');
    let server = start(env);
    let port = Number((await server.until(/"msg":"listening","port":(\d+)/))[1]);
    const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const added = await fetch(`http://127.0.0.1:${port}/service/api/tenants`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(town),
    });
    expect(added.status).toBe(201);

    const event = textEvent(userId(401), 'สวัสดี');
    const body = webhookBody(event);
    const webhook = (path: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, town.channelSecret) },
        body,
      });
    expect((await webhook('/webhook/f-town')).status).toBe(200);
    expect((await webhook('/webhook/g-town')).status).toBe(404);
    expect((await webhook('/webhook')).status).toBe(401); // the single town's own secret is another
    await expect.poll(() => line.calls.length, { timeout: 10_000 }).toBe(1);
    expect(line.calls[0]).toMatchObject({ path: '/v2/bot/message/reply', authorization: `Bearer ${town.accessToken}` });
    expect(line.calls[0]!.body.replyToken).toBe(event.replyToken);
    expectLineValid(line.calls[0]!.path, line.calls[0]!.body, { authorization: line.calls[0]!.authorization });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    server = start(env);
    port = Number((await server.until(/"msg":"listening","port":(\d+)/))[1]);
    await server.until(/"msg":"tenant bots started","started":1/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);
});
