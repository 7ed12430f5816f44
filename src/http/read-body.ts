import type { IncomingMessage } from 'node:http';

/**
 * A request body in memory, at most `maxBytes`; null when it is larger, declared or sent. A
 * body declared too large is not read at all; one that turns out too large is read to its end
 * and dropped, keeping nothing past the cap, so the client is still there for the answer.
 * Rejects when the connection fails mid-body.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) chunks.push(chunk);
    });
    req.once('end', () => resolve(total > maxBytes ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
