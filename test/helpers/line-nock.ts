import nock from 'nock';

export const LINE_BASE = 'http://line-api.test';

export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/**
 * Intercepts every request to the LINE API stand-in address and records it. `respond` picks
 * the answer per call (default: 200 like LINE). Anything not aimed at LINE fails the test,
 * since nock blocks all other network connections.
 */
export function mockLine(respond: (call: RecordedCall) => [number, unknown?] = () => [200]) {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const calls: RecordedCall[] = [];
  let n = 0;
  const scope = nock(LINE_BASE)
    .persist()
    .post(/.*/)
    .reply(function (uri, body) {
      n += 1;
      const headers = Object.fromEntries(
        Object.entries(this.req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      const call = { path: uri, body: body as Record<string, unknown>, headers };
      calls.push(call);
      const [status, answer] = respond(call);
      return [
        status,
        answer ?? (status === 200 ? { sentMessages: [{ id: String(n), quoteToken: 'q' }] } : { message: 'error' }),
        { 'x-line-request-id': `req-${n}` },
      ];
    });
  return {
    calls,
    scope,
    replies: () => calls.filter((c) => c.path === '/v2/bot/message/reply'),
    done() {
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
