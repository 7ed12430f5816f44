import { z } from 'zod';
import { openSealedText, seal } from '../crypto/sealed.js';
import { KeyedStore } from './keyed-store.js';

const SealedRecord = z.object({ s: z.string() });

/**
 * Records about people, kept sealed on disk: the file holds only pseudonymous keys (an HMAC
 * of the user id, computed by the caller) and encrypted values, so a copy of the file reveals
 * neither who is in it nor what is said of them. In memory the values are plain.
 */
export class PrivateStore<T> {
  private readonly plain = new Map<string, T>();

  private constructor(
    private readonly store: KeyedStore<{ s: string }>,
    private readonly key: Buffer,
    private readonly schema: z.ZodType<T>,
  ) {}

  static async open<T>(file: string, key: Buffer, schema: z.ZodType<T>): Promise<PrivateStore<T>> {
    const store = await KeyedStore.open(file, SealedRecord);
    const ps = new PrivateStore(store, key, schema);
    for (const ref of store.keysWhere(() => true)) {
      const parsed = schema.safeParse(JSON.parse(openSealedText(key, store.get(ref)!.s)));
      if (!parsed.success) throw new Error(`${file}: a record is invalid: ${parsed.error.issues[0]?.message}`);
      ps.plain.set(ref, parsed.data);
    }
    return ps;
  }

  get size(): number {
    return this.plain.size;
  }

  get(ref: string): T | undefined {
    const value = this.plain.get(ref);
    return value === undefined ? undefined : structuredClone(value);
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

  set(ref: string, value: T): Promise<void> {
    const valid = this.schema.parse(value);
    this.plain.set(ref, structuredClone(valid));
    return this.store.set(ref, { s: seal(this.key, JSON.stringify(valid)) });
  }

  delete(ref: string): Promise<void> {
    this.plain.delete(ref);
    return this.store.delete(ref);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
