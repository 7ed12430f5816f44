import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JPEG } from './tip-fixtures.js';

const SENDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'upload-sender.mjs');

/** A file part made on the fly: `head`, then zeros up to `size`, then `tail`; never whole in memory. */
export interface StreamedFile {
  name: string;
  size: number;
  /** base64 */
  head?: string;
  tail?: string;
}

export interface Upload {
  path: string;
  fields: Record<string, string>;
  files: StreamedFile[];
  /** Leave out Content-Length. */
  chunked?: boolean;
  /** Claim this Content-Length (a lying client). */
  declare?: number;
  /** Cut the connection once this many bytes were sent. */
  cutAfter?: number;
}

/** A JPEG of `size` bytes that cleans fine: zeros padded into its scan data. */
export function bigJpeg(name: string, size: number): StreamedFile {
  const sos = JPEG.indexOf(Buffer.from([0xff, 0xda]));
  const dataStart = sos + 2 + JPEG.readUInt16BE(sos + 2);
  return {
    name,
    size,
    head: JPEG.subarray(0, dataStart).toString('base64'),
    tail: JPEG.subarray(dataStart).toString('base64'),
  };
}

/**
 * Sends the uploads at once from a child process (upload-sender.mjs): nock, loaded in the
 * test's process, would keep a copy of every body and spoil the bot's memory figures.
 */
export function uploadAll(url: string, uploads: Upload[]): Promise<Array<{ status: number; body: string }>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SENDER, JSON.stringify({ url, uploads })],
      { maxBuffer: 64 * 1024 * 1024 },
      // An Error: @types/node builds its type with Omit, which hides that from the linter
      (err: Error | null, stdout) =>
        err ? reject(err) : resolve(JSON.parse(stdout) as Array<{ status: number; body: string }>),
    );
  });
}

export async function upload(url: string, one: Upload): Promise<{ status: number; body: string }> {
  return (await uploadAll(url, [one]))[0]!;
}
