import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { seededRandom } from '../../src/demo/stand-in-guards.js';

/**
 * LINE's message endpoints for the faults benchmark, in a process of its own, with the faults
 * the benchmark asks for over IPC: a share of calls refused with 500, a delay before every
 * answer, one reply call that never gets an answer. Reply tokens are single use
 * and expire 60 s after the time written in them (`<ms base36>.<random>`), as on LINE. It
 * counts what a resident would see: tokens accepted, pushes accepted (once per retry key),
 * and calls made with a token already used (a reply sent twice).
 */
interface Faults {
  failRate: number;
  latencyMs: number;
  /** The next reply call never gets an answer (its token is kept in `hungToken`). */
  hangNext: boolean;
}

const token = process.env.BENCH_TOKEN!;
const TOKEN_TTL_MS = 60_000;
let faults: Faults = { failRate: 0, latencyMs: 0, hangNext: false };
let hungToken: string | null = null;
let random = seededRandom(1);
const accepted = new Map<string, number>();
const pushKeys = new Set<string>();
let calls = 0;
let reusedTokens = 0;
let failed = 0;
const hung: http.ServerResponse[] = [];

const answer = (res: http.ServerResponse, status: number, body: unknown) => {
  const send = () => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'x-line-request-id': randomUUID(),
    });
    res.end(text);
  };
  if (faults.latencyMs > 0) setTimeout(send, faults.latencyMs);
  else send();
};

/** The reply endpoint: the token's first call may hang, a share fail, a used or old token is refused. */
function reply(res: http.ServerResponse, replyToken: string): void {
  if (faults.hangNext) {
    faults.hangNext = false;
    hungToken = replyToken;
    hung.push(res);
    return;
  }
  if (random() < faults.failRate) {
    failed += 1;
    return answer(res, 500, { message: 'Internal server error' });
  }
  const issuedAt = parseInt(replyToken.split('.')[0] ?? '', 36);
  if (accepted.has(replyToken)) reusedTokens += 1;
  if (accepted.has(replyToken) || !(Date.now() - issuedAt <= TOKEN_TTL_MS))
    return answer(res, 400, { message: 'Invalid reply token' });
  accepted.set(replyToken, Date.now());
  answer(res, 200, { sentMessages: [{ id: String(calls), quoteToken: 'q' }] });
}

function push(res: http.ServerResponse, retryKey: string | undefined): void {
  if (random() < faults.failRate) return answer(res, 500, { message: 'Internal server error' });
  if (retryKey && pushKeys.has(retryKey)) return answer(res, 409, { message: 'The retry key is already accepted' });
  if (retryKey) pushKeys.add(retryKey);
  answer(res, 200, { sentMessages: [{ id: String(calls), quoteToken: 'q' }] });
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    calls += 1;
    if (req.headers.authorization !== `Bearer ${token}`) return answer(res, 401, { message: 'Authentication failed' });
    let body: { replyToken?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return answer(res, 400, { message: 'The request body has 1 error(s)' });
    }
    if (req.url === '/v2/bot/message/reply') return reply(res, String(body.replyToken));
    if (req.url === '/v2/bot/message/push') return push(res, req.headers['x-line-retry-key'] as string | undefined);
    if (req.url === '/v2/bot/chat/loading/start') return answer(res, 202, {});
    answer(res, 404, { message: 'Not found' });
  });
});

type Command =
  { type: 'faults'; faults: Faults; seed: number } | { type: 'stats'; tokens?: boolean } | { type: 'reset' };

process.on('message', (m: Command) => {
  if (m.type === 'faults') {
    faults = m.faults;
    random = seededRandom(m.seed);
  } else if (m.type === 'reset') {
    accepted.clear();
    pushKeys.clear();
    hung.splice(0).forEach((res) => res.destroy());
    calls = reusedTokens = failed = 0;
    hungToken = null;
  }
  process.send?.({
    accepted: accepted.size,
    pushes: pushKeys.size,
    calls,
    reusedTokens,
    failed,
    hungToken,
    ...(m.type === 'stats' && m.tokens ? { tokens: [...accepted] } : {}),
  });
});
server.listen(0, '127.0.0.1', () =>
  process.send?.({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
);
process.on('SIGTERM', () => process.exit(0));
