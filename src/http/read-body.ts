import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** A download that went past its size cap; the transfer was stopped there. */
export class ContentTooLarge extends Error {
  override name = 'ContentTooLarge';
  constructor(readonly maxBytes: number) {
    super(`content is larger than ${maxBytes} bytes`);
  }
}

/**
 * What to do once a body passes its cap. `drain`: read it to its end and drop it, keeping
 * nothing past the cap, so a client sending us a request is still there for the answer.
 * `stop`: destroy the stream at once, so a download we started costs no more bandwidth.
 */
type Overflow = 'drain' | 'stop';

/** A stream read into memory, at most `maxBytes`; null when it is larger. */
function collect(stream: Readable, maxBytes: number, overflow: Overflow): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer | Uint8Array) => {
      total += chunk.length;
      if (total <= maxBytes) return void chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      if (overflow === 'drain') return;
      stream.off('data', onData);
      stream.destroy();
      resolve(null);
    };
    stream.on('data', onData);
    stream.once('end', () =>
      resolve(total > maxBytes ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)),
    );
    stream.once('error', reject);
  });
}

/**
 * A request body in memory, at most `maxBytes`; null when it is larger, declared or sent. A
 * body declared too large is not read at all; one that turns out too large is read to its end
 * and dropped (`drain`). Rejects when the connection fails mid-body.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(null);
  return collect(req, maxBytes, 'drain');
}

/**
 * A download in memory, stopped (the stream destroyed) as soon as it passes `maxBytes`, so a
 * huge file costs at most the cap in memory and bandwidth; throws ContentTooLarge then.
 */
export async function readCapped(stream: Readable, maxBytes: number): Promise<Buffer> {
  const body = await collect(stream, maxBytes, 'stop');
  if (body === null) throw new ContentTooLarge(maxBytes);
  return body;
}
