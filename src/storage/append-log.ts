import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIR_MODE, FILE_MODE, withFileLock, writeFileDurably } from './durable-file.js';

/**
 * An append-only file of JSON lines. Appends that arrive while a flush to the disk is on its
 * way are written together and made durable with one fdatasync (group commit), so many
 * concurrent writers cost one disk flush. `rewrite` replaces the whole file atomically
 * (compaction) and is ordered with the appends.
 *
 * The write itself is synchronous: handing a few hundred bytes to the operating system's page
 * cache takes microseconds, less than the round trip to libuv's thread pool would. Only the
 * flush to the disk (fdatasync), which can take milliseconds, runs off the main thread.
 */
type Op = {
  kind: 'append' | 'rewrite' | 'step';
  text: string;
  sync: boolean;
  seq: number;
  step?: () => Promise<void>;
  done: (err?: Error) => void;
};

export class AppendLog {
  private queue: Op[] = [];
  private flushing: Promise<void> | null = null;
  private seq = 0;
  /** While a background rewrite runs: what was appended since it started, for the new file. */
  private carry: { from: number; texts: string[] } | null = null;

  private constructor(
    readonly file: string,
    private handle: fs.FileHandle,
    private readonly durable: boolean,
  ) {}

  /**
   * Opens (creating) the log and returns the records already in it. A torn last line (the
   * process died mid-write) is dropped; a bad line anywhere else is corruption and throws.
   */
  static async open(file: string, opts: { durable?: boolean } = {}): Promise<{ log: AppendLog; records: unknown[] }> {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: DIR_MODE });
    const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    const lines = text.split('\n');
    const records: unknown[] = [];
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push(JSON.parse(line));
      } catch {
        const isLast = lines.slice(i + 1).every((l) => !l.trim());
        if (!isLast) throw new Error(`${file}: line ${i + 1} is not valid JSON (the file is damaged)`);
      }
    });
    if (text.length > 0 && !text.endsWith('\n')) {
      // Drop the torn tail so the next append starts on a fresh line.
      await writeFileDurably(file, records.map((r) => JSON.stringify(r) + '\n').join(''));
    }
    const handle = await openForAppend(file);
    return { log: new AppendLog(file, handle, opts.durable ?? true), records };
  }

  /**
   * Appends one record; resolves once it is on disk. With `sync: false` it resolves once the
   * operating system has it (it survives the process dying, not the machine losing power),
   * for records whose loss costs little.
   */
  append(record: unknown, opts: { sync?: boolean } = {}): Promise<void> {
    return this.appendMany([record], opts);
  }

  /** Appends records as one write; resolves once they are on disk. */
  appendMany(records: unknown[], opts: { sync?: boolean } = {}): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.enqueue('append', records.map((r) => JSON.stringify(r) + '\n').join(''), opts.sync ?? this.durable);
  }

  /**
   * Replaces the file's content with `records` (atomic: temp file, fsync, rename). It takes
   * its place in the queue: appends made before the call land in the old file (which the
   * caller's snapshot covers), appends made after it land in the new one.
   */
  rewrite(records: unknown[]): Promise<void> {
    return this.enqueue('rewrite', records.map((r) => JSON.stringify(r) + '\n').join(''), true);
  }

  /**
   * `rewrite` for a large snapshot, without holding appends back while it is written: the
   * snapshot goes to a flushed temp file first while appends carry on into the old file; then
   * one short step in the queue copies the appends queued since the call after it, flushes,
   * and renames it over the log. As with `rewrite`, the caller's snapshot covers appends made
   * before the call. One at a time, not mixed with `rewrite`; on failure the old file stays.
   */
  async rewriteInBackground(records: unknown[]): Promise<void> {
    if (this.carry) throw new Error(`${this.file}: a background rewrite is already under way`);
    const carry: { from: number; texts: string[] } = { from: this.seq, texts: [] };
    this.carry = carry;
    const tmp = `${this.file}.${randomBytes(6).toString('hex')}.compact`;
    try {
      await writeSynced(tmp, records.map((r) => JSON.stringify(r) + '\n').join(''), 'wx');
      await this.enqueue('step', '', true, async () => {
        this.carry = null;
        await writeSynced(tmp, carry.texts.join(''), 'a');
        await withFileLock(this.file, () => fs.rename(tmp, this.file));
        const old = this.handle;
        this.handle = await openForAppend(this.file);
        await old.close();
        await writeSynced(path.dirname(this.file), '', 'r');
      });
    } finally {
      if (this.carry === carry) this.carry = null;
      await fs.rm(tmp, { force: true });
    }
  }

  private enqueue(kind: Op['kind'], text: string, sync: boolean, step?: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        kind,
        text,
        sync,
        seq: this.seq++,
        ...(step ? { step } : {}),
        done: (err) => (err ? reject(err) : resolve()),
      });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    // Let every append made in this turn of the event loop join the first batch (and return
    // before any work, so `flushing` is set before it is cleared).
    await Promise.resolve();
    while (this.queue.length > 0) {
      const cut = this.queue.findIndex((op) => op.kind !== 'append');
      const batch = cut === 0 ? this.queue.splice(0, 1) : this.queue.splice(0, cut < 0 ? this.queue.length : cut);
      try {
        if (batch[0]!.kind === 'rewrite') await this.replaceFile(batch[0]!.text);
        else if (batch[0]!.kind === 'step') await batch[0]!.step!();
        else {
          // Group commit: every append queued so far goes in one write and one flush.
          writeAll(this.handle.fd, batch.length === 1 ? batch[0]!.text : batch.map((op) => op.text).join(''));
          const carry = this.carry;
          if (carry) for (const op of batch) if (op.seq >= carry.from) carry.texts.push(op.text);
          // Written: an append that needs no flush is done now, not after the others' fdatasync.
          for (const op of batch) if (!op.sync) op.done();
          if (batch.some((op) => op.sync)) await this.handle.datasync();
        }
        batch.forEach((op) => op.done());
      } catch (err) {
        batch.forEach((op) => op.done(err as Error));
      }
    }
    this.flushing = null;
  }

  /** On failure the old file and its handle stay as they were, so appends go on. */
  private async replaceFile(text: string): Promise<void> {
    await writeFileDurably(this.file, text);
    const old = this.handle;
    this.handle = await openForAppend(this.file);
    await old.close();
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle.close();
  }
}

/** Opens for appending, created 0600; an older file with looser permissions is tightened. */
async function openForAppend(file: string): Promise<fs.FileHandle> {
  const handle = await fs.open(file, 'a', FILE_MODE);
  await handle.chmod(FILE_MODE);
  return handle;
}

/** Writes `text` to a file (0600) and flushes it; with `r` and no text, flushes a folder. */
async function writeSynced(file: string, text: string, flags: 'wx' | 'a' | 'r'): Promise<void> {
  const out = await fs.open(file, flags, FILE_MODE);
  try {
    if (text) await out.write(text);
    await out.sync();
  } finally {
    await out.close();
  }
}

/** Writes the whole text at the end of the file (a short write is continued, as the OS may return one). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}
