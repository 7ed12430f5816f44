import http from 'node:http';
import https from 'node:https';
import { TimeoutError } from '../timers.js';

/** What LINE answered: its status, the request ids it gave, and the body (at most BODY_KEPT bytes). */
export interface JsonAnswer {
  status: number;
  requestId: string | null;
  acceptedRequestId: string | null;
  body: string;
}

export type JsonPost = (path: string, body: unknown, timeoutMs: number) => Promise<JsonAnswer>;

/** LINE's answers to a message request are small; an error's evidence is kept to 2,000 characters anyway. */
const BODY_KEPT = 64 * 1024;
/** Sent as the SDK sends it, so LINE sees one client. */
const USER_AGENT = '@line/bot-sdk/11.0.0';

/**
 * POSTs JSON to LINE with Node's own http(s) client over kept-alive sockets. The SDK's client
 * goes through fetch (undici: a Request, Headers, web streams and an AbortSignal per call),
 * which costs about three times the CPU per call (a 6 KB reply on the development machine:
 * ~430 µs against ~130 µs); the reply is the one call every resident's message makes. A call
 * past its time limit is cancelled (its socket destroyed) rather than abandoned. Rejects with
 * the network error or a TimeoutError; any status, 4xx and 5xx too, resolves.
 */
export function createJsonPost(baseUrl: string, channelAccessToken: string): JsonPost {
  const base = new URL(baseUrl);
  const client = base.protocol === 'https:' ? https : http;
  // No cap on sockets: a slow LINE must not queue replies behind each other (ReplySender bounds them).
  const agent = new client.Agent({ keepAlive: true });
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${channelAccessToken}`,
    'user-agent': USER_AGENT,
  };
  return (path, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const req = client.request(
        new URL(path, base),
        { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(text) } },
        (res) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          res.on('data', (chunk: Buffer) => {
            if (kept < BODY_KEPT) chunks.push(chunk);
            kept += chunk.length;
          });
          res.once('end', () =>
            settle(() => resolve(answerOf(res, Buffer.concat(chunks).subarray(0, BODY_KEPT).toString('utf8')))),
          );
          res.once('error', (err) => settle(() => reject(err)));
        },
      );
      // Settled here too: an answer that started and then stalls must not leave the call pending
      const timer = setTimeout(
        () => {
          const err = new TimeoutError(`no answer within ${timeoutMs / 1000} s`);
          req.destroy(err);
          settle(() => reject(err));
        },
        Math.max(0, timeoutMs),
      );
      timer.unref();
      req.once('error', (err) => settle(() => reject(err)));
      req.end(text);
    });
}

function answerOf(res: http.IncomingMessage, body: string): JsonAnswer {
  const header = (name: string) => {
    const value = res.headers[name];
    return typeof value === 'string' ? value : null;
  };
  return {
    status: res.statusCode ?? 0,
    requestId: header('x-line-request-id'),
    acceptedRequestId: header('x-line-accepted-request-id'),
    body,
  };
}
