import path from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { AppendLog } from './append-log.js';
import { BackgroundTask, type RetryOptions } from './background-task.js';

/** A line of the log: a record's value, or null when it was deleted. */
type Entry = { k: string; v: unknown };

/** Where a store reports background failures (compaction), and how soon it retries them. */
export interface StoreOptions {
  logger?: Logger;
  retry?: RetryOptions;
  /** False: a write resolves once the OS has it, without a flush to the disk (records whose loss costs little). */
  durable?: boolean;
}

/**
 * Records by key, kept in memory and persisted as an append-only log of changes, so one
 * write costs one appended line whatever the number of records. The log is compacted to one
 * line per live record when it grows past twice that size, in the background: a failed
 * compaction is logged and retried (the log keeps growing meanwhile; nothing is lost).
 * Values are validated with zod when read; readers get copies, so no caller can change a
 * record without `set`.
 */
export class KeyedStore<T> {
  private readonly map = new Map<string, T>();
  private logLines = 0;
  private readonly compaction: BackgroundTask;

  private constructor(
    private readonly log: AppendLog,
    private readonly schema: z.ZodType<T>,
    readonly name: string,
    opts: StoreOptions,
  ) {
    this.compaction = new BackgroundTask(
      `compacting ${path.basename(name)}`,
      () => this.compact(),
      opts.logger,
      opts.retry,
    );
  }

  static async open<T>(
    file: string,
    schema: z.ZodType<T>,
    opts: { durable?: boolean } & StoreOptions = {},
  ): Promise<KeyedStore<T>> {
    const { log, records } = await AppendLog.open(file, opts);
    const store = new KeyedStore(log, schema, file, opts);
    try {
      store.load(records);
    } catch (err) {
      // A damaged file stops the start; do not leave it open behind the error.
      await log.close();
      throw err;
    }
    return store;
  }

  private load(records: unknown[]): void {
    const file = this.name;
    records.forEach((raw, i) => {
      // A line of the file can hold any JSON, null included.
      const entry = raw as Entry | null;
      if (typeof entry?.k !== 'string') throw new Error(`${file}: record ${i + 1} has no key`);
      if (entry.v === null) {
        this.map.delete(entry.k);
        return;
      }
      const parsed = this.schema.safeParse(entry.v);
      if (!parsed.success) throw new Error(`${file}: record ${i + 1} is invalid: ${parsed.error.issues[0]?.message}`);
      this.map.set(entry.k, parsed.data);
    });
    this.logLines = records.length;
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): T | undefined {
    const value = this.map.get(key);
    return value === undefined ? undefined : structuredClone(value);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Every record, copied. */
  values(): T[] {
    return [...this.map.values()].map((v) => structuredClone(v));
  }

  /** Keys of the records that satisfy `pred`, without copying the records. */
  keysWhere(pred: (value: Readonly<T>) => boolean): string[] {
    const keys: string[] = [];
    for (const [k, v] of this.map) if (pred(v)) keys.push(k);
    return keys;
  }

  /** Stores `value` under `key`; the memory copy changes at once, the promise resolves when on disk. */
  set(key: string, value: T): Promise<void> {
    const valid = this.schema.parse(value);
    this.map.set(key, structuredClone(valid));
    return this.write({ k: key, v: valid });
  }

  delete(key: string): Promise<void> {
    if (!this.map.delete(key)) return Promise.resolve();
    return this.write({ k: key, v: null });
  }

  private async write(entry: Entry): Promise<void> {
    this.logLines += 1;
    await this.log.append(entry);
    if (this.logLines > 2 * this.map.size + 1000) this.compaction.request();
  }

  /** Rewrites the log as one line per live record. */
  async compact(): Promise<void> {
    const snapshot = [...this.map].map(([k, v]) => ({ k, v }));
    const linesBefore = this.logLines;
    await this.log.rewrite(snapshot);
    // Writes made while the rewrite ran were counted on top of linesBefore and are kept.
    this.logLines -= linesBefore - snapshot.length;
  }

  async close(): Promise<void> {
    await this.compaction.close();
    await this.log.close();
  }
}
