import type { Duplex } from 'node:stream';
import { BASE_HEADERS } from './headers.js';

const BODY = JSON.stringify({
  error: { code: 'bad_request', message: 'the request line or its headers are too long or malformed' },
});
const TIMEOUT_BODY = JSON.stringify({ error: { code: 'timeout', message: 'the request took too long to arrive' } });

function rawResponse(status: string, body: string): string {
  const headers = Object.entries(BASE_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status}\r\n${headers}content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

const BAD_REQUEST = rawResponse('400 Bad Request', BODY);
const TIMED_OUT = rawResponse('408 Request Timeout', TIMEOUT_BODY);

/**
 * The server's `clientError` listener: a request Node cannot parse (a path or headers past
 * its 16 KB limit, a broken request line) is answered 400 with the shared headers and the
 * JSON error shape, instead of Node's bare 431/400; a request that arrived too slowly, 408.
 * A connection already gone is just closed.
 */
export function answerUnparsable(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  socket.end(err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? TIMED_OUT : BAD_REQUEST);
}
