import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonPost } from '../../src/line/json-post.js';
import { TimeoutError } from '../../src/timers.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}

let server: http.Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A loopback LINE: records each request and answers with `answer` (or never, when it returns null). */
async function lineAt(
  answer: (seen: Seen) => { status: number; body: string; headers?: Record<string, string> } | null,
) {
  const seen: Seen[] = [];
  const sockets = new Map<unknown, number>();
  const closed: number[] = [];
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!sockets.has(req.socket)) {
        const n = sockets.size + 1;
        sockets.set(req.socket, n);
        req.socket.once('close', () => closed.push(n));
      }
      const s = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        socket: sockets.get(req.socket)!,
      };
      seen.push(s);
      const a = answer(s);
      if (a) res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, closed };
}

describe('JSON POST to LINE over Node http', () => {
  it("when a reply is posted, then LINE gets the JSON with the token and the SDK's headers, and its request id comes back; the socket is kept for the next call", async () => {
    const line = await lineAt(() => ({
      status: 200,
      body: '{"sentMessages":[]}',
      headers: { 'x-line-request-id': 'req-1' },
    }));
    const post = createJsonPost(line.url, 'secret-token');
    const first = await post(
      '/v2/bot/message/reply',
      { replyToken: 't1', messages: [{ type: 'text', text: 'สวัสดี' }] },
      1_000,
    );
    await post('/v2/bot/message/reply', { replyToken: 't2', messages: [{ type: 'text', text: 'อีกครั้ง' }] }, 1_000);
    expect(first).toEqual({ status: 200, requestId: 'req-1', acceptedRequestId: null, body: '{"sentMessages":[]}' });
    expect(line.seen[0]).toMatchObject({
      method: 'POST',
      url: '/v2/bot/message/reply',
      headers: {
        authorization: 'Bearer secret-token',
        'content-type': 'application/json',
        'user-agent': '@line/bot-sdk/11.0.0',
      },
    });
    expect(JSON.parse(line.seen[0]!.body)).toEqual({ replyToken: 't1', messages: [{ type: 'text', text: 'สวัสดี' }] });
    expect(line.seen.map((s) => s.socket)).toEqual([1, 1]);
  });

  it('when LINE says no, then the status, its ids and its body are answered, not thrown', async () => {
    const line = await lineAt(() => ({
      status: 409,
      body: '{"message":"The retry key is already accepted"}',
      headers: { 'x-line-request-id': 'req-2', 'x-line-accepted-request-id': 'req-0' },
    }));
    const answer = await createJsonPost(line.url, 'x')('/v2/bot/message/push', { to: 'U1', messages: [] }, 1_000);
    expect(answer).toEqual({
      status: 409,
      requestId: 'req-2',
      acceptedRequestId: 'req-0',
      body: '{"message":"The retry key is already accepted"}',
    });
  });

  it('when LINE does not answer in time, then the call fails with a TimeoutError at the limit and its connection is closed', async () => {
    const line = await lineAt(() => null);
    const started = performance.now();
    const err = await createJsonPost(line.url, 'x')(
      '/v2/bot/message/reply',
      { replyToken: 't3', messages: [] },
      200,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await expect.poll(() => line.closed).toEqual([1]);
  });

  it('when LINE starts an answer and then stalls, then the call still fails with a TimeoutError at the limit and its connection is closed', async () => {
    const line = await lineAt(() => null);
    server!.removeAllListeners('request');
    server!.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"sentMes'); // and nothing more
    });
    const started = performance.now();
    const err = await createJsonPost(line.url, 'x')(
      '/v2/bot/message/reply',
      { replyToken: 't4', messages: [] },
      200,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(2_000);
    server!.closeAllConnections();
  });

  it('when nothing listens, then the network error rejects the call', async () => {
    const line = await lineAt(() => null);
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    await expect(createJsonPost(line.url, 'x')('/v2/bot/message/reply', {}, 1_000)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
