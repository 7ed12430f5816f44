import type { QuestionRecord } from './question-record.js';
import { StringPool } from './string-pool.js';

/** No string, or no slot. */
export const NONE = -1;
const VOTES = [undefined, 'up', 'down'] as const;
/** A slot whose record was deleted (an older file's deletion line). */
const EMPTY = 255;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const STANDARD_ID = /^[a-z2-7]{12}$/;

/**
 * The question log in memory: a ring of at most `capacity` records, oldest first, held in
 * columns of typed arrays allocated once (about 40 bytes a record, however many questions
 * are asked). Texts, intents, kinds and item ids are interned in a StringPool; a question id
 * (12 base32 letters) is two 30-bit numbers. A record is rebuilt as an object only when read.
 * Adding to a full ring overwrites the oldest record.
 */
export class QuestionRing {
  private readonly at: Float64Array;
  private readonly idHi: Uint32Array;
  private readonly idLo: Uint32Array;
  /** Ids not of the standard form (written by hand, or by a test), by slot. */
  private readonly oddIds = new Map<number, string>();
  private readonly strings = new StringPool();
  private readonly intent: Int32Array;
  private readonly text: Int32Array;
  private readonly match: Int32Array;
  private readonly kind: Int32Array;
  private readonly score: Float64Array;
  private readonly vote: Uint8Array;
  /** The oldest record's slot, and how many slots from it are in use (empty ones included). */
  private head = 0;
  private used = 0;
  private live = 0;

  constructor(readonly capacity: number) {
    this.at = new Float64Array(capacity);
    [this.idHi, this.idLo] = [new Uint32Array(capacity), new Uint32Array(capacity)];
    [this.intent, this.text, this.match, this.kind] = [0, 0, 0, 0].map(() => new Int32Array(capacity)) as [
      Int32Array,
      Int32Array,
      Int32Array,
      Int32Array,
    ];
    this.score = new Float64Array(capacity);
    this.vote = new Uint8Array(capacity);
  }

  /** Records held (deleted slots not counted). */
  get size(): number {
    return this.live;
  }

  /** Distinct strings held for the records (texts, intents, kinds, item ids). */
  get distinctStrings(): number {
    return this.strings.size;
  }

  /** True when the next push needs a shift first. */
  get full(): boolean {
    return this.used === this.capacity;
  }

  /** Adds a record as the newest (the ring must not be full); returns its slot. */
  push(record: Readonly<QuestionRecord>): number {
    if (this.full) throw new Error('the question ring is full: shift the oldest first');
    const slot = (this.head + this.used) % this.capacity;
    this.fill(slot, record);
    this.used += 1;
    return slot;
  }

  /** Removes the oldest record (or empty slot); returns its id when it held one. */
  shift(): string | undefined {
    if (this.used === 0) return undefined;
    const slot = this.head;
    const id = this.vote[slot] === EMPTY ? undefined : this.idAt(slot);
    this.clear(slot);
    this.head = (this.head + 1) % this.capacity;
    this.used -= 1;
    return id;
  }

  /** When the oldest slot's record was asked (ms), or undefined when the ring is empty. */
  oldestAt(): number | undefined {
    return this.used === 0 ? undefined : this.vote[this.head] === EMPTY ? -Infinity : this.at[this.head];
  }

  /** The slot holding question `id`, newest first, or NONE. */
  find(id: string): number {
    if (!STANDARD_ID.test(id)) {
      for (const [slot, odd] of this.oddIds) if (odd === id) return slot;
      return NONE;
    }
    const [hi, lo] = encodeId(id);
    for (let i = this.used - 1; i >= 0; i--) {
      const slot = (this.head + i) % this.capacity;
      if (this.idLo[slot] === lo && this.idHi[slot] === hi && this.vote[slot] !== EMPTY && !this.oddIds.has(slot))
        return slot;
    }
    return NONE;
  }

  /** Replaces the record in `slot` (a vote changed it), keeping its place. */
  replace(slot: number, record: Readonly<QuestionRecord>): void {
    this.clear(slot);
    this.fill(slot, record);
  }

  /** Deletes the record in `slot`; the slot stays, empty, until it is the oldest. */
  remove(slot: number): void {
    this.clear(slot);
    this.vote[slot] = EMPTY;
  }

  /** The record in `slot` as an object (a fresh copy). */
  record(slot: number): QuestionRecord {
    const str = (n: number) => (n === NONE ? null : this.strings.value(n));
    const vote = VOTES[this.vote[slot]!];
    const text = str(this.text[slot]!);
    const score = this.score[slot]!;
    return {
      id: this.idAt(slot),
      at: new Date(this.at[slot]!).toISOString(),
      intent: str(this.intent[slot]!)!,
      ...(text !== null ? { text } : {}),
      match: str(this.match[slot]!),
      kind: str(this.kind[slot]!),
      score: Number.isNaN(score) ? null : score,
      ...(vote ? { vote } : {}),
    };
  }

  /** Slots of the records asked in [from, to) (ms), oldest first; all of them without a range. */
  *slots(from = -Infinity, to = Infinity): Generator<number> {
    for (let i = 0; i < this.used; i++) {
      const slot = (this.head + i) % this.capacity;
      if (this.vote[slot] !== EMPTY && this.at[slot]! >= from && this.at[slot]! < to) yield slot;
    }
  }

  private fill(slot: number, r: Readonly<QuestionRecord>): void {
    const at = Date.parse(r.at);
    if (!Number.isFinite(at)) throw new Error(`a question's time is not a date: ${JSON.stringify(r.at).slice(0, 40)}`);
    const id = r.id ?? '';
    if (STANDARD_ID.test(id)) [this.idHi[slot], this.idLo[slot]] = encodeId(id);
    else this.oddIds.set(slot, id);
    const str = (s: string | null | undefined) => (s === null || s === undefined ? NONE : this.strings.acquire(s));
    this.at[slot] = at;
    [this.intent[slot], this.text[slot], this.match[slot], this.kind[slot]] = [
      str(r.intent),
      str(r.text),
      str(r.match),
      str(r.kind),
    ];
    this.score[slot] = r.score ?? NaN;
    this.vote[slot] = r.vote === 'up' ? 1 : r.vote === 'down' ? 2 : 0;
    this.live += 1;
  }

  private clear(slot: number): void {
    if (this.vote[slot] === EMPTY) return;
    for (const column of [this.intent, this.text, this.match, this.kind])
      if (column[slot] !== NONE) this.strings.release(column[slot]!);
    this.oddIds.delete(slot);
    this.vote[slot] = EMPTY;
    this.live -= 1;
  }

  /** The id of the record in `slot`, or undefined for an empty slot. */
  idOf(slot: number): string | undefined {
    return this.vote[slot] === EMPTY ? undefined : this.idAt(slot);
  }

  private idAt(slot: number): string {
    return this.oddIds.get(slot) ?? decodeId(this.idHi[slot]!, this.idLo[slot]!);
  }
}

function encodeId(id: string): [number, number] {
  let [hi, lo] = [0, 0];
  for (let i = 0; i < 6; i++) hi = hi * 32 + ID_ALPHABET.indexOf(id[i]!);
  for (let i = 6; i < 12; i++) lo = lo * 32 + ID_ALPHABET.indexOf(id[i]!);
  return [hi, lo];
}

function decodeId(hi: number, lo: number): string {
  let id = '';
  for (const n of [hi, lo]) for (let shift = 25; shift >= 0; shift -= 5) id += ID_ALPHABET[(n >>> shift) & 31];
  return id;
}
