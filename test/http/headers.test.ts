import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_TOKEN, startBot, type TestBot } from '../helpers/bot.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A request with the path sent exactly as written (fetch would normalise some odd ones). */
function raw(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const staff = { authorization: `Bearer ${STAFF_TOKEN}` };

function expectShared(answer: Answer, where: string): void {
  const h = answer.headers;
  expect({
    where,
    nosniff: h['x-content-type-options'],
    referrer: h['referrer-policy'],
    frame: h['x-frame-options'],
  }).toEqual({ where, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY' });
  expect(h['content-security-policy'], where).toContain("frame-ancestors 'none'");
  expect(h['cache-control'], where).toBeTruthy();
}

describe('headers from one definition', () => {
  it('when any route answers (JSON, the JSON 404, pages, files, the webhook), then it carries the shared headers and personal answers are not cached', async () => {
    bot = await startBot();
    const routes: Array<[string, Record<string, string>?, string?]> = [
      ['/healthz'],
      ['/no-such-route'],
      ['/staff/api/stats', staff],
      ['/staff/api/stats'],
      ['/staff/api/tips/%00', staff],
      ['/tip'],
      ['/tip/status?receipt=1234'],
      ['/staff/login'],
      ['/staff/'],
      ['/staff/assets/console.css'],
      ['/webhook', { 'content-type': 'application/json' }, 'POST'],
    ];
    for (const [path, headers, method] of routes) {
      const answer = await raw(bot.url, path, { headers: headers ?? {}, ...(method ? { method } : {}) });
      expectShared(answer, path);
      expect(answer.headers['cache-control'], path).toBe('no-store');
    }
    const json = await raw(bot.url, '/staff/api/stats', { headers: staff });
    expect(json.headers['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    // Pages keep their own policies: the tip form has no script at all, the console scripts from this origin
    expect((await raw(bot.url, '/tip')).headers['content-security-policy']).toContain(
      "style-src 'self'; form-action 'self'",
    );
    expect((await raw(bot.url, '/staff/login')).headers['content-security-policy']).toContain("script-src 'self'");
    // A public stylesheet may be cached; it still carries the rest
    const css = await raw(bot.url, '/tip/tip.css');
    expectShared(css, '/tip/tip.css');
    expect(css.headers['cache-control']).toBe('public, max-age=3600');
    // The console's preview draws with the Flex renderer it shares with the demo chat (src/http/public)
    const renderer = await raw(bot.url, '/staff/assets/flex-render.js');
    expect(renderer.status).toBe(200);
    expect(renderer.body).toContain('export function renderFlex');
    expectShared(renderer, '/staff/assets/flex-render.js');
  });

  it('when the live home page is asked for, then its one inline style is allowed by its hash and nothing else runs', async () => {
    bot = await startBot({ env: { LINE_CHANNEL_SECRET: 'live-secret', LINE_CHANNEL_ACCESS_TOKEN: 'live-token' } });
    const home = await raw(bot.url, '/');
    expect(home.status).toBe(200);
    expectShared(home, '/');
    const style = /<style>([\s\S]*?)<\/style>/.exec(home.body)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(home.headers['content-security-policy']).toContain(`style-src 'sha256-${hash}'`);
    expect(home.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('when a path is odd (climbing out of a folder, broken percent-encoding, a NUL, very long), then 400 or 404 with the shared headers, never 500', async () => {
    bot = await startBot();
    const cases: Array<[string, number, Record<string, string>?]> = [
      ['/staff/assets/..%2F..%2Fpackage.json', 404],
      ['/staff/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd', 404],
      ['/staff/assets/%2e%2e/%2e%2e/package.json', 404],
      ['/%E0%A4%A', 404],
      ['/tip/%E0%A4%A', 404],
      ['/staff/api/tips/%E0%A4%A', 400, staff],
      ['/staff/api/tips/%00', 404, staff],
      [`/${'a'.repeat(8_000)}`, 404],
      [`/tip/${'%E0'.repeat(2_000)}`, 404],
    ];
    for (const [path, status, headers] of cases) {
      const answer = await raw(bot.url, path, { headers: headers ?? {} });
      expect({ path: path.slice(0, 40), status: answer.status }).toEqual({ path: path.slice(0, 40), status });
      expectShared(answer, path.slice(0, 40));
      expect(answer.body).not.toContain('"name": "phonsai');
    }
    // Past Node's 16 KB for the request line and headers: answered before express, still in our shape
    const tooLong = await rawSocket(bot.url, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(tooLong).toMatch(/^HTTP\/1\.1 400 /);
    expect(tooLong).toContain('x-content-type-options: nosniff');
    expect(tooLong).toContain('"code":"bad_request"');
    expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});

/** What the server sends back on a plain socket (nock, which patches node:http, stays out of the way). */
function rawSocket(base: string, request: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
