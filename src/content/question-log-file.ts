import { openSealedText, seal } from '../crypto/sealed.js';
import { DISMISSED, dismissalId, QuestionRecordSchema } from './question-record.js';
import type { QuestionRing } from './question-ring.js';
import type { RecentEvents } from './recent-events.js';

/**
 * The question log's file: sealed JSON lines in the format PrivateStore writes, so a log
 * written by an earlier version opens as it is. A line is a record written whole (`{k, v: {s}}`;
 * a later line for the same key replaces it, as a vote does), a deletion (`{k, v: null}`), or a
 * chunk of a snapshot (`{c}`: up to CHUNK records sealed together, one AES-GCM open per chunk).
 */
export type QuestionFileLine = { k: string; v: { s: string } | null } | { c: string };

/** Records per sealed snapshot chunk. */
export const CHUNK = 1000;

/** What reading the file does with each record and deletion, in file order. */
export interface LineSink {
  /** `loose`: a line of its own, not part of a snapshot chunk. */
  put(ref: string, raw: unknown, line: number, loose: boolean): void;
  remove(ref: string): void;
}

/** Opens every line of the file (as AppendLog read them) into `sink`; a wrong key or a damaged line throws. */
export function readQuestionLines(lines: unknown[], key: Buffer, file: string, sink: LineSink): void {
  lines.forEach((raw, i) => {
    // A line of the file can hold any JSON, null included.
    const line = raw as Partial<{ k: unknown; v: { s?: unknown } | null; c: unknown }> | null;
    if (typeof line?.c === 'string') {
      for (const [ref, value] of JSON.parse(openSealedText(key, line.c)) as Array<[string, unknown]>)
        sink.put(ref, value, i, false);
      return;
    }
    if (typeof line?.k !== 'string') throw new Error(`${file}: record ${i + 1} has no key`);
    if (line.v === null) sink.remove(line.k);
    else if (typeof line.v?.s === 'string') sink.put(line.k, JSON.parse(openSealedText(key, line.v.s)), i, true);
    else throw new Error(`${file}: record ${i + 1} is not sealed`);
  });
}

export const recordLine = (key: Buffer, ref: string, value: unknown): QuestionFileLine => ({
  k: ref,
  v: { s: seal(key, JSON.stringify(value)) },
});

export const deletionLine = (ref: string): QuestionFileLine => ({ k: ref, v: null });

export const chunkLine = (key: Buffer, entries: Array<[string, unknown]>): QuestionFileLine => ({
  c: seal(key, JSON.stringify(entries)),
});

/** What the question log holds in memory, filled from the file at start. */
export interface HeldQuestions {
  ring: QuestionRing;
  events: RecentEvents;
  /** When each dismissed group was dismissed. */
  dismissals: Map<string, string>;
}

/**
 * Reads the file into `held`, oldest first; a vote's line replaces its record in place, and
 * records beyond the ring's capacity push the oldest out. Returns how many lines hold no
 * live record (what a compaction would save) and how many are loose (one AES-GCM open each
 * at start, where a chunk of 1,000 costs one).
 */
export function loadQuestionFile(
  lines: unknown[],
  key: Buffer,
  path: string,
  held: HeldQuestions,
): { dead: number; loose: number } {
  // Only while reading: a vote or deletion line finds its record's slot.
  const slots = new Map<string, number>();
  let [dead, loose] = [0, 0];
  readQuestionLines(lines, key, path, {
    put: (ref, raw, line, isLoose) => {
      if (isLoose) loose += 1;
      const parsed = QuestionRecordSchema.safeParse(raw);
      if (!parsed.success)
        throw new Error(`${path}: record ${line + 1} is invalid: ${parsed.error.issues[0]?.message}`);
      const record = { ...parsed.data, id: parsed.data.id ?? ref };
      if (record.intent === DISMISSED) return void held.dismissals.set(record.text ?? '', record.at);
      const slot = slots.get(record.id);
      if (slot !== undefined) return void ((dead += 1), held.ring.replace(slot, record));
      const evicted = held.ring.full ? held.ring.shift() : undefined;
      if (evicted !== undefined) {
        slots.delete(evicted);
        dead += 1;
      }
      slots.set(record.id, held.ring.push(record));
      if (record.event !== undefined) held.events.add(record.event, record.id);
    },
    remove: (ref) => {
      [dead, loose] = [dead + 2, loose + 1];
      const slot = slots.get(ref);
      if (slot !== undefined) {
        held.ring.remove(slot);
        slots.delete(ref);
      }
      for (const group of held.dismissals.keys()) if (dismissalId(group) === ref) held.dismissals.delete(group);
    },
  });
  return { dead, loose };
}
