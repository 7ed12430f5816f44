import type { Readable } from 'node:stream';

/** A download that went past its size cap; the transfer was stopped there. */
export class ContentTooLarge extends Error {
  override name = 'ContentTooLarge';
  constructor(readonly maxBytes: number) {
    super(`content is larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a stream into memory, stopping (and destroying the stream) as soon as it passes
 * `maxBytes`, so a huge upload costs at most the cap in memory and bandwidth.
 */
export async function readCapped(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new ContentTooLarge(maxBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
