import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** Everything under DATA_DIR is for the bot's own user only. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

export interface DurableWriteOptions {
  /** Create only: fail with EEXIST (and leave the file as it is) when the file is already there. */
  exclusive?: boolean;
}

/** Writes in progress, by file: a write waits for the one before it. */
const writing = new Map<string, Promise<void>>();

/**
 * Runs `task` when every earlier task on the same file is done, so one writer at a time
 * changes a file in this process (a read-modify-write inside `task` loses no update).
 */
export function withFileLock<R>(file: string, task: () => Promise<R>): Promise<R> {
  const key = path.resolve(file);
  const run = (writing.get(key) ?? Promise.resolve()).then(task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  writing.set(key, settled);
  void settled.then(() => {
    if (writing.get(key) === settled) writing.delete(key);
  });
  return run;
}

/**
 * Replaces the whole file so that a crash or a power cut leaves the old content or the new,
 * never an empty or half-written file: a unique temp file (mode 0600) beside it is written
 * and flushed, renamed over the file, and the folder is flushed so the rename itself lasts.
 * The temp file is removed when any step fails. Folders it creates are mode 0700.
 */
export function writeFileDurably(
  file: string,
  data: string | Uint8Array,
  opts: DurableWriteOptions = {},
): Promise<void> {
  return withFileLock(file, () => writeUnlocked(file, data, opts));
}

/** The same steps without waiting for other writers (callers that already hold the file's lock). */
export async function writeUnlocked(
  file: string,
  data: string | Uint8Array,
  opts: DurableWriteOptions = {},
): Promise<void> {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true, mode: DIR_MODE });
  const tmp = tempName(file);
  try {
    // Atomic write: flush the new content before it takes the file's name
    const handle = await fsp.open(tmp, 'wx', FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (opts.exclusive) await fsp.link(tmp, file);
    else await fsp.rename(tmp, file);
  } finally {
    await fsp.rm(tmp, { force: true });
  }
  await syncDir(dir);
}

/**
 * Moves a file that is already flushed (a snapshot written beside its target) over the
 * target, then flushes the folder so the move survives a power cut. Waits for other writers
 * of the target, as writeFileDurably does.
 */
export function renameDurably(from: string, to: string): Promise<void> {
  return withFileLock(to, async () => {
    await fsp.rename(from, to);
    await syncDir(path.dirname(to));
  });
}

/** writeFileDurably for synchronous callers (a sync write cannot interleave with another in this process). */
export function writeFileDurablySync(file: string, data: string | Uint8Array, opts: DurableWriteOptions = {}): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  const tmp = tempName(file);
  try {
    const fd = fs.openSync(tmp, 'wx', FILE_MODE);
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (opts.exclusive) fs.linkSync(tmp, file);
    else fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  syncDirSync(dir);
}

/** `.name.<pid>.<random>.tmp` beside the file: unique per write, hidden, never `*.json`. */
function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

// Windows cannot open a folder to flush it; there the rename is as durable as the OS makes it
const canSyncDirs = process.platform !== 'win32';

async function syncDir(dir: string): Promise<void> {
  if (!canSyncDirs) return;
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function syncDirSync(dir: string): void {
  if (!canSyncDirs) return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
