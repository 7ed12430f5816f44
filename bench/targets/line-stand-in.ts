import { randomUUID } from 'node:crypto';
import http from 'node:http';

/**
 * LINE's reply endpoint for the webhook benchmark, in a process of its own. On LINE's side,
 * reading a reply costs the bot nothing; here the stand-in shares the machine's two cores with
 * the bots, so it does only what LINE's answer depends on: the bearer token, a JSON body with a
 * reply token and one to five messages, and LINE's answer (sent message ids, a request id).
 * The demo stand-in (src/demo/line-stand-in.ts) records every call and emits every message for
 * the chat page; reading our kilobytes of Flex that way cost it twice the echo bot's CPU per
 * reply, time taken from the bot under test. It tells its count of replies when asked.
 */
const token = process.env.BENCH_TOKEN!;
let replies = 0;

const answer = (res: http.ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-line-request-id': randomUUID(),
  });
  res.end(text);
};

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/v2/bot/message/reply') return answer(res, 404, { message: 'Not found' });
    if (req.headers.authorization !== `Bearer ${token}`) return answer(res, 401, { message: 'Authentication failed' });
    let body: { replyToken?: unknown; messages?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer(res, 400, { message: 'The request body has 1 error(s)' });
    }
    const messages = body.messages;
    if (typeof body.replyToken !== 'string' || !Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
      return answer(res, 400, { message: 'The request body has 1 error(s)' });
    }
    replies += 1;
    answer(res, 200, { sentMessages: messages.map((_, i) => ({ id: `${replies}${i}`, quoteToken: 'q' })) });
  });
});

server.listen(0, '127.0.0.1', () =>
  process.send?.({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
);
process.on('message', () => process.send?.({ replies }));
process.on('SIGTERM', () => process.exit(0));
