import { randomUUID } from 'node:crypto';
import http from 'node:http';

/**
 * LINE for the PostgreSQL benchmarks, in a process of its own, serving many channels at once
 * (a channel is its access token). Per channel it answers replies at once and multicasts after
 * `BENCH_LATENCY_MS`, refuses a multicast with 429 when 200 arrived in the last second (LINE's
 * limit: ../shared/line-openapi/README.md) and a retry key seen before with 409, and keeps what
 * the benchmark asks about: replies, each recipient's count, when the last multicast was
 * accepted, and the busiest second of multicasts (arrival times, any one-second window).
 * It answers {type:'stats'} and {type:'reset'} over IPC.
 */
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const MULTICAST_PER_SECOND = 200;

interface Channel {
  replies: number;
  loading: number;
  statuses: Record<number, number>;
  /** Arrival times (ms) of multicast requests, in order. */
  arrivals: number[];
  keys: Set<string>;
  delivered: Map<string, number>;
  lastAcceptedAt: number;
}

let channels = new Map<string, Channel>();

function channelOf(token: string): Channel {
  let c = channels.get(token);
  if (!c) {
    c = {
      replies: 0,
      loading: 0,
      statuses: {},
      arrivals: [],
      keys: new Set(),
      delivered: new Map(),
      lastAcceptedAt: 0,
    };
    channels.set(token, c);
  }
  return c;
}

const answer = (res: http.ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-line-request-id': randomUUID(),
  });
  res.end(text);
};

/** How many of the channel's multicasts arrived in the second before `at` (the one arriving now included). */
function inLastSecond(c: Channel, at: number): number {
  let n = 0;
  for (let i = c.arrivals.length - 1; i >= 0 && c.arrivals[i]! > at - 1000; i--) n++;
  return n;
}

function multicast(c: Channel, req: http.IncomingMessage, body: { to?: unknown }, res: http.ServerResponse) {
  const at = Date.now();
  c.arrivals.push(at);
  const key = String(req.headers['x-line-retry-key'] ?? '');
  const [status, reply] =
    inLastSecond(c, at) > MULTICAST_PER_SECOND
      ? [429, { message: 'Too many requests' }]
      : key && c.keys.has(key)
        ? [409, { message: 'The retry key is already accepted' }]
        : [200, {}];
  c.statuses[status] = (c.statuses[status] ?? 0) + 1;
  if (status === 200) {
    if (key) c.keys.add(key);
    for (const to of Array.isArray(body.to) ? (body.to as string[]) : [])
      c.delivered.set(to, (c.delivered.get(to) ?? 0) + 1);
  }
  setTimeout(() => {
    if (status === 200) c.lastAcceptedAt = Date.now();
    answer(res, status, reply);
  }, LATENCY_MS);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return answer(res, 401, { message: 'Authentication failed' });
    const c = channelOf(token);
    let body: { to?: unknown; replyToken?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof body;
    } catch {
      return answer(res, 400, { message: 'The request body has 1 error(s)' });
    }
    if (req.url === '/v2/bot/message/reply') {
      c.replies += 1;
      return answer(res, 200, { sentMessages: [{ id: String(c.replies), quoteToken: 'q' }] });
    }
    if (req.url === '/v2/bot/message/multicast') return multicast(c, req, body, res);
    if (req.url === '/v2/bot/chat/loading/start') return (c.loading++, answer(res, 202, {}));
    answer(res, 404, { message: 'Not found' });
  });
});

/** The most multicasts that arrived within any one second (a window starting at each arrival). */
function busiestSecond(arrivals: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < arrivals.length; i++) {
    while (arrivals[i]! - arrivals[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function stats() {
  return Object.fromEntries(
    [...channels].map(([token, c]) => {
      const counts = [...c.delivered.values()];
      return [
        token,
        {
          replies: c.replies,
          loading: c.loading,
          statuses: c.statuses,
          recipients: c.delivered.size,
          twice: counts.filter((n) => n > 1).length,
          firstMulticastAt: c.arrivals[0] ?? 0,
          lastAcceptedAt: c.lastAcceptedAt,
          busiestSecond: busiestSecond(c.arrivals),
        },
      ];
    }),
  );
}

export type ChannelStats = ReturnType<typeof stats>[string];

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () =>
  process.send?.({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
);
process.on('message', (m: { type: string }) => {
  if (m.type === 'reset') channels = new Map();
  process.send?.(m.type === 'stats' ? stats() : { ok: true });
});
process.on('SIGTERM', () => process.exit(0));
