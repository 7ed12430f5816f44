import path from 'node:path';
import type { z } from 'zod';
import { openSealedText, seal } from '../crypto/sealed.js';
import { AppendLog } from './append-log.js';
import { BackgroundTask } from './background-task.js';
import type { StoreOptions } from './keyed-store.js';

/**
 * One line of the file: a change to one record (`{k, v: {s} | null}`, as KeyedStore writes
 * it), or a chunk of a snapshot (`{c}`: up to CHUNK records sealed together).
 */
type Line = { k: string; v: { s: string } | null } | { c: string; f?: 'codec' };

/**
 * How records are written inside snapshot chunks. The default is the record's JSON checked
 * with the zod schema; a store of many small records (friends) can give a compact form that
 * decodes and checks itself several times faster.
 */
export interface SnapshotCodec<T> {
  encode(value: T): unknown;
  /** The record, or a thrown Error naming what is wrong. */
  decode(raw: unknown): T;
}

/** Records per sealed snapshot chunk: one AES-GCM open per chunk instead of per record. */
const CHUNK = 1000;
/** Change lines allowed before a snapshot: at least this many, or an eighth of the records. */
const MIN_CHANGES = 1000;

/**
 * Records about people, kept sealed on disk: the file holds only pseudonymous keys (an HMAC
 * of the user id, computed by the caller) and encrypted values, so a copy of the file reveals
 * neither who is in it nor what is said of them. In memory the values are plain.
 *
 * A write appends one sealed line (never a rewrite, whatever the number of records). Once
 * the change lines outnumber an eighth of the records, the file is rewritten as a snapshot
 * sealed in chunks of 1,000 records, so opening 100,000 friends costs about a hundred
 * decryptions, not 100,000 (each AES-GCM setup costs ~25 µs). A snapshot started by the
 * store itself that fails is logged and retried; the change lines stay until one succeeds.
 */
export class PrivateStore<T> {
  private readonly plain = new Map<string, T>();
  private changeLines = 0;
  private deletions = 0;
  private compacting: Promise<void> | null = null;
  /** Refs written while a snapshot is being sealed (they go after it). */
  private changedDuringSnapshot: Set<string> | null = null;
  private readonly observers: Array<(before: Readonly<T> | undefined, after: Readonly<T> | undefined) => void> = [];
  private readonly snapshots: BackgroundTask;

  private constructor(
    private readonly log: AppendLog,
    private readonly key: Buffer,
    private readonly schema: z.ZodType<T>,
    readonly file: string,
    private readonly codec: SnapshotCodec<T> | null,
    opts: StoreOptions,
  ) {
    this.snapshots = new BackgroundTask(
      `snapshot of ${path.basename(file)}`,
      () => this.compact(),
      opts.logger,
      opts.retry,
    );
  }

  static async open<T>(
    file: string,
    key: Buffer,
    schema: z.ZodType<T>,
    codec?: SnapshotCodec<T>,
    opts: StoreOptions = {},
  ): Promise<PrivateStore<T>> {
    const { log, records } = await AppendLog.open(file, opts.durable === undefined ? {} : { durable: opts.durable });
    const store = new PrivateStore(log, key, schema, file, codec ?? null, opts);
    const valid = (raw: unknown, i: number): T => {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new Error(`${file}: record ${i + 1} is invalid: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    };
    records.forEach((raw, i) => {
      // A line of the file can hold any JSON, null included.
      const line = raw as Partial<{ k: unknown; v: { s?: unknown } | null; c: unknown; f: unknown }> | null;
      if (typeof line?.c === 'string') {
        const entries = JSON.parse(openSealedText(key, line.c)) as [string, unknown][];
        const decode =
          line.f === 'codec' && codec
            ? (raw: unknown) => decodeOrThrow(codec, raw, file, i)
            : (raw: unknown) => valid(raw, i);
        for (const [ref, value] of entries) store.plain.set(ref, decode(value));
        return;
      }
      if (typeof line?.k !== 'string') throw new Error(`${file}: record ${i + 1} has no key`);
      store.changeLines += 1;
      if (line.v === null) {
        store.plain.delete(line.k);
        store.deletions += 1;
      } else if (typeof line.v?.s === 'string') {
        store.plain.set(line.k, valid(JSON.parse(openSealedText(key, line.v.s)), i));
      } else {
        throw new Error(`${file}: record ${i + 1} is not sealed`);
      }
    });
    // A file written record by record (or by an older version): snapshot it in the background.
    if (store.overChangeLimit()) store.snapshots.request();
    return store;
  }

  private overChangeLimit(): boolean {
    return this.changeLines > Math.max(MIN_CHANGES, this.plain.size / 8);
  }

  get size(): number {
    return this.plain.size;
  }

  get(ref: string): T | undefined {
    const value = this.plain.get(ref);
    return value === undefined ? undefined : structuredClone(value);
  }

  /** The record itself, not a copy, for hot read-only paths (a fan-out checks each recipient). */
  peek(ref: string): Readonly<T> | undefined {
    return this.plain.get(ref);
  }

  values(): T[] {
    return [...this.plain.values()].map((v) => structuredClone(v));
  }

  /** Refs of the records that satisfy `pred`, without copying the records. */
  refsWhere(pred: (value: Readonly<T>) => boolean): string[] {
    const refs: string[] = [];
    for (const [ref, v] of this.plain) if (pred(v)) refs.push(ref);
    return refs;
  }

  /**
   * Calls `fn` with the record before and after every change (statistics count follows and
   * unsubscribes this way without keeping who). It runs synchronously; it must not throw.
   */
  observe(fn: (before: Readonly<T> | undefined, after: Readonly<T> | undefined) => void): void {
    this.observers.push(fn);
  }

  /** Stores `value` under `ref`; the memory copy changes at once, the promise resolves when on disk. */
  set(ref: string, value: T): Promise<void> {
    const valid = this.schema.parse(value);
    const before = this.plain.get(ref);
    // Stored values are replaced, never changed in place: a snapshot may hold the old one.
    this.plain.set(ref, structuredClone(valid));
    for (const fn of this.observers) fn(before, valid);
    return this.write({ k: ref, v: { s: seal(this.key, JSON.stringify(valid)) } });
  }

  delete(ref: string): Promise<void> {
    const before = this.plain.get(ref);
    if (!this.plain.delete(ref)) return Promise.resolve();
    for (const fn of this.observers) fn(before, undefined);
    this.deletions += 1;
    return this.write({ k: ref, v: null });
  }

  /** True when records were deleted since the last snapshot (their sealed lines are still in the file). */
  get hasDeletions(): boolean {
    return this.deletions > 0;
  }

  private async write(line: Line): Promise<void> {
    if ('k' in line) this.changedDuringSnapshot?.add(line.k);
    this.changeLines += 1;
    await this.log.append(line);
    if (this.overChangeLimit() && !this.compacting) this.snapshots.request();
  }

  /**
   * Rewrites the file as a sealed snapshot (atomic; writes made meanwhile are kept). The
   * chunks are sealed a turn at a time, so the bot keeps answering while 100,000 records are.
   */
  compact(): Promise<void> {
    // After a snapshot already under way: the one asked for covers every write made before the call.
    const run = (this.compacting ?? Promise.resolve()).then(() => this.writeSnapshot());
    const tracked: Promise<void> = run.finally(() => {
      if (this.compacting === tracked) this.compacting = null;
    });
    this.compacting = tracked;
    return tracked;
  }

  private async writeSnapshot(): Promise<void> {
    const snapshot = [...this.plain];
    this.changedDuringSnapshot = new Set();
    const lines: Line[] = [];
    for (let i = 0; i < snapshot.length; i += CHUNK) {
      const entries = snapshot.slice(i, i + CHUNK);
      const codec = this.codec;
      lines.push(
        codec
          ? { c: seal(this.key, JSON.stringify(entries.map(([ref, v]) => [ref, codec.encode(v)]))), f: 'codec' }
          : { c: seal(this.key, JSON.stringify(entries)) },
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Records changed while sealing: their current value (or deletion) follows the snapshot.
    const changed = [...this.changedDuringSnapshot];
    this.changedDuringSnapshot = null;
    for (const ref of changed) {
      const value = this.plain.get(ref);
      lines.push({ k: ref, v: value === undefined ? null : { s: seal(this.key, JSON.stringify(value)) } });
    }
    // Same turn as the rewrite call: later appends land in the new file, earlier ones are covered.
    const dropped = { changeLines: this.changeLines - changed.length, deletions: this.deletions };
    this.changeLines = changed.length;
    this.deletions = 0;
    try {
      await this.log.rewrite(lines);
    } catch (err) {
      // The old file, with every change line, is still the one in use
      this.changeLines += dropped.changeLines;
      this.deletions += dropped.deletions;
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.snapshots.close();
    await this.compacting;
    await this.log.close();
  }
}

function decodeOrThrow<T>(codec: SnapshotCodec<T>, raw: unknown, file: string, i: number): T {
  try {
    return codec.decode(raw);
  } catch (err) {
    throw new Error(`${file}: record ${i + 1} is invalid: ${(err as Error).message}`);
  }
}
