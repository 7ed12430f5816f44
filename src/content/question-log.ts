import type { Logger } from '../logger.js';
import { AppendLog } from '../storage/append-log.js';
import { BackgroundTask } from '../storage/background-task.js';
import { migratePlainQuestionLog } from './question-log-migrate.js';
import { loadQuestionFile, recordLine, type HeldQuestions } from './question-log-file.js';
import { writeQuestionSnapshot } from './question-log-snapshot.js';
import {
  DISMISSED,
  dismissalId,
  dismissalRecord,
  QuestionRecordSchema,
  sanitize,
  type QuestionRecord,
} from './question-record.js';
import { NONE, QuestionRing } from './question-ring.js';
import { RecentEvents } from './recent-events.js';
import type { QuestionStore } from './question-store.js';

export { newQuestionId, questionLogKey } from './question-id.js';

export { QuestionRecordSchema, type QuestionRecord } from './question-record.js';
export type { QuestionStore } from './question-store.js';

export interface QuestionLogOptions {
  /** Records older than this are deleted (default 365 days). */
  retentionDays?: number;
  /** At most this many records are kept, the oldest go first (default 100,000: about 4 MB in memory). */
  maxRecords?: number;
  /** Where a failed background compaction is reported. */
  logger?: Logger;
}

export const QUESTION_RETENTION_DAYS = 365;
/** At most this many questions are kept, the oldest go first. */
export const MAX_QUESTION_RECORDS = 100_000;
/** Webhook events remembered against a replay (see RecentEvents). */
const RECENT_EVENTS = 4096;
const DAY_MS = 86_400_000;
/** Old records are looked for this often (and when a question comes after as long). */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Lines of the file that hold no live record, tolerated before it is compacted: this many or a quarter of the records. */
const MIN_DEAD_LINES = 1000;
/** Lines of their own (not in a sealed chunk) before the file is compacted: this many or half the records (a fast start). */
const MIN_LOOSE_LINES = 10_000;

/**
 * The question log. On disk: sealed lines, appended (a question or a vote is one line, never
 * a rewrite), compacted in the background into sealed chunks once a quarter of the lines are
 * dead, as many lines were added one by one as half the records (a start then opens a chunk
 * of 1,000 at a time), or records past the retention have been in the file for a day. In memory: a QuestionRing of columns
 * (about 40 bytes a record, allocated once for `maxRecords`), the events of the latest
 * questions, and the dismissals; records are rebuilt as objects only when read.
 */
export class QuestionLog implements QuestionStore {
  private readonly ring: QuestionRing;
  private readonly events: RecentEvents;
  private readonly dismissals: Map<string, string>;
  /** Lines in the file that hold no live record (replaced by a vote, swept, overwritten). */
  private deadLines: number;
  /** Lines written one by one since the last snapshot: each costs an AES-GCM open at start. */
  private looseLines: number;
  /** Records past the retention were dropped from memory and are still in the file. */
  private expiredOnDisk = false;
  private lastSweep = 0;
  private lastCompaction = -Infinity;
  /** Question ids written while a snapshot is being sealed (their lines go after it). */
  private changed: Set<string> | null = null;
  private readonly compaction: BackgroundTask;
  private readonly sweeper: NodeJS.Timeout;

  private constructor(
    private readonly file: AppendLog,
    private readonly key: Buffer,
    private readonly clock: () => Date,
    private readonly retentionMs: number,
    held: HeldQuestions & { dead: number; loose: number },
    private readonly logger: Logger | undefined,
  ) {
    [this.ring, this.events, this.dismissals, this.deadLines, this.looseLines] = [
      held.ring,
      held.events,
      held.dismissals,
      held.dead,
      held.loose,
    ];
    this.compaction = new BackgroundTask('compaction of the question log', () => this.compact(), logger);
    this.sweeper = setInterval(() => this.sweep(this.clock()), SWEEP_EVERY_MS).unref();
  }

  /** Opens the log; an older plain-text file is sealed first (texts that read as reports dropped). */
  static async open(path: string, key: Buffer, clock: () => Date, opts: QuestionLogOptions = {}): Promise<QuestionLog> {
    await migratePlainQuestionLog(path, key, QuestionRecordSchema, (r) => sanitize(r));
    // Not flushed to the disk per question: a power cut may lose the last few.
    const { log: file, records } = await AppendLog.open(path, { durable: false });
    const held = {
      ring: new QuestionRing(opts.maxRecords ?? MAX_QUESTION_RECORDS),
      events: new RecentEvents(RECENT_EVENTS),
      dismissals: new Map<string, string>(),
    };
    let lines: { dead: number; loose: number };
    try {
      lines = loadQuestionFile(records, key, path, held);
    } catch (err) {
      await file.close();
      throw err;
    }
    const log = new QuestionLog(
      file,
      key,
      clock,
      (opts.retentionDays ?? QUESTION_RETENTION_DAYS) * DAY_MS,
      { ...held, ...lines },
      opts.logger,
    );
    log.sweep(clock());
    return log;
  }

  /** Records a question; a second record of the same webhook event (a replay) is ignored. */
  async record(entry: QuestionRecord): Promise<void> {
    if (entry.event !== undefined && this.events.has(entry.event)) return;
    const clean = QuestionRecordSchema.parse(sanitize(entry));
    const id = clean.id!;
    if (this.ring.full) this.dropped(this.ring.shift());
    this.ring.push(clean);
    if (clean.event !== undefined) this.events.add(clean.event, id);
    const written = this.write(id, clean);
    const now = this.clock().getTime();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(new Date(now));
    // A question is statistics: a disk that refuses the line must not cost the resident the
    // answer. The record stays in memory (counted by the console and reports) and reaches the
    // disk with the next background rewrite of the file.
    await written.catch((err: NodeJS.ErrnoException) => {
      this.logger?.warn('question not written', { where: 'questions.jsonl append', error: err.code ?? err.name });
    });
  }

  /** The record of one question, or undefined (unknown, or past the retention). */
  get(id: string): QuestionRecord | undefined {
    const record = this.current(id);
    return record?.intent === DISMISSED ? undefined : record;
  }

  /** Notes whether the answer helped; a second vote replaces the first. False for an unknown question. */
  async vote(id: string, helpful: boolean): Promise<boolean> {
    const slot = this.ring.find(id);
    if (slot === NONE) return false;
    const record: QuestionRecord = { ...this.ring.record(slot), vote: helpful ? 'up' : 'down' };
    this.ring.replace(slot, record);
    this.deadLines += 1;
    await this.write(id, record);
    return true;
  }

  /** Questions asked in [from, to), oldest first (fresh objects, rebuilt from the columns; `event` only for the latest). */
  between(from: Date, to: Date): QuestionRecord[] {
    const out: QuestionRecord[] = [];
    for (const slot of this.ring.slots(from.getTime(), to.getTime()))
      out.push(this.current(this.ring.idOf(slot)!, slot)!);
    return out;
  }

  all(): QuestionRecord[] {
    return this.between(new Date(-8.64e15), new Date(8.64e15));
  }

  /** Hides a group of questions (staff judged them off-topic): those asked up to `at` leave the lists. */
  async dismiss(group: string, at: Date): Promise<void> {
    const id = dismissalId(group);
    if (this.dismissals.has(group)) this.deadLines += 1;
    this.dismissals.set(group, at.toISOString());
    await this.write(id, dismissalRecord(group, at.toISOString()));
  }

  /** When each dismissed group was dismissed. */
  dismissed(): ReadonlyMap<string, string> {
    return this.dismissals;
  }

  get size(): number {
    return this.ring.size;
  }

  /**
   * Drops records past the retention from memory (oldest first, so it costs what it drops)
   * and dismissals as old; the file loses them at its next compaction, which is asked for
   * when they have waited a day (at once when the log is opened). Returns how many records.
   */
  sweep(now: Date): number {
    this.lastSweep = now.getTime();
    const cutoff = now.getTime() - this.retentionMs;
    let count = 0;
    for (let at = this.ring.oldestAt(); at !== undefined && at < cutoff; at = this.ring.oldestAt())
      if (this.dropped(this.ring.shift())) count += 1;
    for (const [group, at] of this.dismissals) {
      if (Date.parse(at) >= cutoff) continue;
      this.dismissals.delete(group);
      this.dropped(dismissalId(group));
      count += 1;
    }
    if (count > 0) this.expiredOnDisk = true;
    this.compactIfDue(now.getTime());
    return count;
  }

  /** Counts a record gone from memory whose line is still in the file. */
  private dropped(id: string | undefined): boolean {
    if (id === undefined) return false;
    this.changed?.add(id);
    this.deadLines += 1;
    return true;
  }

  private async write(id: string, record: QuestionRecord): Promise<void> {
    this.changed?.add(id);
    this.looseLines += 1;
    const written = this.file.append(recordLine(this.key, id, record));
    this.compactIfDue(this.clock().getTime());
    await written;
  }

  private compactIfDue(now: number): void {
    const tooManyDead = this.deadLines > Math.max(MIN_DEAD_LINES, this.ring.size / 4);
    const tooManyLoose = this.looseLines > Math.max(MIN_LOOSE_LINES, this.ring.size / 2);
    const expiredWaited = this.expiredOnDisk && now - this.lastCompaction >= DAY_MS;
    if (tooManyDead || tooManyLoose || expiredWaited) this.compaction.request();
  }

  /** Rewrites the file as a sealed snapshot of what is kept (in the background; appends go on meanwhile). */
  private async compact(): Promise<void> {
    this.lastCompaction = this.clock().getTime();
    const [deadBefore, looseBefore, expiredBefore] = [this.deadLines, this.looseLines, this.expiredOnDisk];
    this.expiredOnDisk = false;
    this.changed = new Set();
    try {
      await writeQuestionSnapshot({
        file: this.file,
        key: this.key,
        refs: () => [
          ...[...this.ring.slots()].map((slot) => [this.ring.idOf(slot)!, slot] as [string, number]),
          ...[...this.dismissals.keys()].map((group) => [dismissalId(group), NONE] as [string, number]),
        ],
        current: (ref, slot) => this.current(ref, slot),
        takeChanged: () => {
          const changed = [...(this.changed ?? [])];
          this.changed = null;
          return changed;
        },
      });
      [this.deadLines, this.looseLines] = [this.deadLines - deadBefore, this.looseLines - looseBefore];
    } catch (err) {
      this.expiredOnDisk ||= expiredBefore;
      throw err;
    } finally {
      this.changed = null;
    }
  }

  /** A record as the file should hold it now: a question with its event (while remembered), or a dismissal. */
  private current(ref: string, hint = NONE): QuestionRecord | undefined {
    const group =
      ref.startsWith('d') && ref.length === 21
        ? [...this.dismissals.keys()].find((g) => dismissalId(g) === ref)
        : undefined;
    if (group !== undefined) return dismissalRecord(group, this.dismissals.get(group)!);
    const slot = hint !== NONE && this.ring.idOf(hint) === ref ? hint : this.ring.find(ref);
    if (slot === NONE) return undefined;
    const event = this.events.event(ref);
    return { ...this.ring.record(slot), ...(event !== undefined ? { event } : {}) };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.compaction.close();
    await this.file.close();
  }
}
