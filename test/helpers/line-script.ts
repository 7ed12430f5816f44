import nock from 'nock';
import { expectLineValid } from './line-contract.js';
import { LINE_BASE } from './line-nock.js';

/** What LINE does with one request: answer (status), fail the connection, or hang. */
export type Step = number | 'network' | 'hang' | 'invalid-token' | { status: number; afterMs: number };

export interface ScriptedCall {
  path: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  at: number;
  answer: Step;
}

/**
 * A LINE API on nock whose answers follow a script per call (`next` picks one from the call),
 * for retry, timeout and hang tests. Every request is recorded and checked against the LINE
 * contract; nothing else may reach the network.
 */
export function scriptLine(next: (call: Omit<ScriptedCall, 'answer'>, n: number) => Step) {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const calls: ScriptedCall[] = [];
  const hung: Array<() => void> = [];
  nock(LINE_BASE)
    .persist()
    .post(/.*/)
    .reply(function (uri, body, cb) {
      const headers = Object.fromEntries(
        Object.entries(this.req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      const call = { path: uri, body: body as Record<string, unknown>, headers, at: performance.now() };
      const answer = next(call, calls.length);
      calls.push({ ...call, answer });
      const id = { 'x-line-request-id': `req-${calls.length}` };
      if (answer === 'network') return cb(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0]);
      if (answer === 'hang') return void hung.push(() => cb(null, [200, {}, id]));
      if (answer === 'invalid-token') return cb(null, [400, { message: 'Invalid reply token' }, id]);
      const { status, afterMs } = typeof answer === 'number' ? { status: answer, afterMs: 0 } : answer;
      const reply =
        status === 200
          ? { sentMessages: [{ id: String(calls.length), quoteToken: 'q' }] }
          : status === 409
            ? { message: 'The retry key is already accepted' }
            : status === 429
              ? { message: 'You have reached your monthly limit.' }
              : { message: 'Internal error' };
      setTimeout(() => cb(null, [status, reply, id]), afterMs);
    });
  return {
    calls,
    to: (path: string) => calls.filter((c) => c.path === path),
    expectAllValid() {
      for (const c of calls) expectLineValid(c.path, c.body, c.headers);
    },
    done() {
      hung.splice(0).forEach((release) => release());
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

export const REPLY = '/v2/bot/message/reply';
export const PUSH = '/v2/bot/message/push';
