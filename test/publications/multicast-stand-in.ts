import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * LINE's multicast endpoint on a loopback port, with the rule that makes exactly-once
 * possible: the first request with an X-Line-Retry-Key is accepted (200, a request id), a
 * later one with the same key is not delivered again and answered 409 with the accepted
 * request's id. It counts what each user id was actually delivered.
 */
export interface MulticastStandIn {
  url: string;
  /** How many times each user id was delivered a message. */
  delivered: Map<string, number>;
  /** Requests answered 409 (a retry key already accepted). */
  repeats: number;
  /** Every request received. */
  requests: number;
  /** The retry key of each request, in the order they came. */
  keys: string[];
  close(): Promise<void>;
}

/** An answer LINE gives instead of taking a request (a 500, a 429 with Retry-After ...). */
export interface Refusal {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * `answerAfterMs`: how long LINE takes to answer, after it has taken (counted) the request.
 * `refuse(key, nth)`: asked for the nth request (1, 2, ...) with a retry key not yet accepted;
 * an answer returned is sent and nothing is delivered.
 */
export async function multicastStandIn(
  token: string,
  answerAfterMs = 0,
  refuse: (key: string, nth: number) => Refusal | undefined = () => undefined,
): Promise<MulticastStandIn> {
  const accepted = new Map<string, string>();
  const state: Omit<MulticastStandIn, 'url' | 'close'> = { delivered: new Map(), repeats: 0, requests: 0, keys: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests += 1;
      const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        setTimeout(() => send(status, body, headers), answerAfterMs);
      const send = (status: number, body: unknown, headers: Record<string, string>) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json', 'x-line-request-id': randomUUID(), ...headers });
        res.end(JSON.stringify(body));
      };
      const key = req.headers['x-line-retry-key'];
      if (req.url !== '/v2/bot/message/multicast' || req.headers.authorization !== `Bearer ${token}`)
        return answer(404, { message: 'Not found' });
      if (typeof key !== 'string') return answer(400, { message: 'The request body has 1 error(s)' });
      state.keys.push(key);
      const earlier = accepted.get(key);
      if (earlier) {
        state.repeats += 1;
        return answer(409, { message: 'The retry key is already accepted' }, { 'x-line-accepted-request-id': earlier });
      }
      const refused = refuse(key, state.keys.filter((k) => k === key).length);
      if (refused) return answer(refused.status, refused.body ?? { message: 'error' }, refused.headers);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string[] };
      if (!Array.isArray(body.to) || body.to.length < 1 || body.to.length > 500)
        return answer(400, { message: 'The request body has 1 error(s)' });
      const requestId = randomUUID();
      accepted.set(key, requestId);
      for (const id of body.to) state.delivered.set(id, (state.delivered.get(id) ?? 0) + 1);
      answer(200, {}, { 'x-line-request-id': requestId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
