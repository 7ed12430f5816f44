import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import { vi } from 'vitest';

type HandleProto = { sync(this: { fd: number }): Promise<void> };

/**
 * Records, in order, every flush (of a file or of a folder), rename and link made through
 * node:fs while the probe is on, async and sync alike. A durable write shows as
 * `sync file`, `rename` (or `link`), `sync folder`. Undo with vi.restoreAllMocks().
 */
export async function probeFlushes(): Promise<string[]> {
  const steps: string[] = [];
  const kind = (fd: number) => (fs.fstatSync(fd).isDirectory() ? 'sync folder' : 'sync file');
  // FileHandle is not exported; its prototype is reached through an open handle
  const handle = await fsp.open(os.tmpdir(), 'r');
  const proto = Object.getPrototypeOf(handle) as HandleProto;
  await handle.close();
  const realSync = proto.sync;
  vi.spyOn(proto, 'sync').mockImplementation(function (this: { fd: number }) {
    steps.push(kind(this.fd));
    return realSync.call(this);
  });
  const realFsync = fs.fsyncSync;
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd) => (steps.push(kind(fd)), realFsync(fd)));
  const { rename, link } = fsp;
  vi.spyOn(fsp, 'rename').mockImplementation((from, to) => (steps.push('rename'), rename(from, to)));
  vi.spyOn(fsp, 'link').mockImplementation((from, to) => (steps.push('link'), link(from, to)));
  const { renameSync, linkSync } = fs;
  vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => (steps.push('rename'), renameSync(from, to)));
  vi.spyOn(fs, 'linkSync').mockImplementation((from, to) => (steps.push('link'), linkSync(from, to)));
  return steps;
}

/** `times` durable writes in a row, as probeFlushes records them. */
export function durableWrites(times: number, step: 'rename' | 'link' = 'rename'): string[] {
  return Array.from({ length: times }, () => ['sync file', step, 'sync folder']).flat();
}

export const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
