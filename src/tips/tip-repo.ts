import { randomInt } from 'node:crypto';
import { KeyedStore } from '../storage/keyed-store.js';
import { TipRecordSchema, type TipRecord } from './tip-model.js';
import { TipNumbers } from './tip-number.js';
import { TipSealer } from './tip-sealing.js';
import type { TipStore } from './tip-store.js';

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * The tips on disk (DATA_DIR/tips/tips.jsonl): records by a random id, sealed parts opened
 * only on request, and an index from receipt hash to id so a lookup is one hash and one
 * map read. Old versions of a record stay in the change log until it is compacted, so
 * `compact` is called whenever content must really be gone (retention).
 */
export class TipRepo extends TipSealer implements TipStore {
  private readonly byReceipt = new Map<string, string>();
  private readonly numbers = new TipNumbers();

  private constructor(
    private readonly store: KeyedStore<TipRecord>,
    key: Buffer,
  ) {
    super(key);
    for (const tip of store.values()) {
      if (tip.receiptHash) this.byReceipt.set(tip.receiptHash, tip.id);
      this.numbers.note(tip.number);
    }
  }

  static async open(file: string, key: Buffer): Promise<TipRepo> {
    const repo = new TipRepo(await KeyedStore.open(file, TipRecordSchema), key);
    await repo.numberUnnumbered();
    return repo;
  }

  /** The readable number for a tip received at `receivedAt` (given once, never again). */
  nextNumber(receivedAt: Date): string {
    return this.numbers.next(receivedAt);
  }

  /**
   * Tips filed before numbers existed get one, in filing order (time received, then id), after
   * the numbers already given in their fiscal year; saved, so the next start keeps them.
   */
  private async numberUnnumbered(): Promise<void> {
    const missing = this.store.values().filter((t) => !t.number);
    missing.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
    for (const tip of missing)
      await this.store.set(tip.id, { ...tip, number: this.numbers.next(new Date(tip.receivedAt)) });
  }

  newId(): string {
    let id: string;
    do {
      id = Array.from({ length: 12 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
    } while (this.store.has(id));
    return id;
  }

  get(id: string): TipRecord | undefined {
    return this.store.get(id);
  }

  idForReceipt(hash: string): string | undefined {
    return this.byReceipt.get(hash);
  }

  all(): TipRecord[] {
    return this.store.values();
  }

  /** Ids of the tips that satisfy `pred`, without copying them. */
  idsWhere(pred: (tip: Readonly<TipRecord>) => boolean): string[] {
    return this.store.keysWhere(pred);
  }

  /** Stores the record; refuses a receipt already given to another tip (checked and taken in one step). */
  async save(tip: TipRecord): Promise<void> {
    const holder = tip.receiptHash ? this.byReceipt.get(tip.receiptHash) : undefined;
    if (holder && holder !== tip.id) throw new Error('this receipt belongs to another tip');
    const before = this.store.get(tip.id);
    if (before?.receiptHash && before.receiptHash !== tip.receiptHash) this.byReceipt.delete(before.receiptHash);
    if (tip.receiptHash) this.byReceipt.set(tip.receiptHash, tip.id);
    await this.store.set(tip.id, tip);
  }

  /** `change` runs on the record in memory and the result is taken in the same step (no await between). */
  async update(
    id: string,
    change: (tip: TipRecord | undefined) => TipRecord | undefined,
  ): Promise<TipRecord | undefined> {
    const next = change(this.store.get(id));
    if (next) await this.save(next);
    return next;
  }

  /** Rewrites the file with only the current records: earlier versions are gone from disk. */
  compact(): Promise<void> {
    return this.store.compact();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
