import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { PrivateStore } from '../storage/private-store.js';
import { newQuestionId } from './question-id.js';
import { migratePlainQuestionLog } from './question-log-migrate.js';
import { keptText } from './question-privacy.js';

export { newQuestionId, questionLogKey } from './question-id.js';

export const QuestionRecordSchema = z.object({
  /** The question's id (newQuestionId); 👍/👎 votes refer to it. */
  id: z.string().optional(),
  /** LINE's webhookEventId: a replayed event is recorded once. */
  event: z.string().optional(),
  at: z.string(),
  intent: z.string(),
  /** Normalised question text; absent when it must not be kept (see question-privacy.ts). */
  text: z.string().optional(),
  /** Id of the item given as the answer, or null when nothing matched. */
  match: z.string().nullable(),
  kind: z.string().nullable(),
  score: z.number().nullable(),
  /** The resident's answer to "was this helpful?", when they gave one. */
  vote: z.enum(['up', 'down']).optional(),
});
/**
 * Every question residents ask, for statistics and for improving answers: when, the
 * normalised text (only when it cannot be a report), what it matched, how well, and whether
 * it helped. Never the user id.
 */
export type QuestionRecord = z.infer<typeof QuestionRecordSchema>;

export interface QuestionLogOptions {
  /** Records older than this are deleted (default 365 days). */
  retentionDays?: number;
  /** At most this many records are kept, the oldest go first (default 100,000: about 50 MB). */
  maxRecords?: number;
  /** Where a failed background snapshot is reported. */
  logger?: Logger;
}

export const QUESTION_RETENTION_DAYS = 365;
const MAX_RECORDS = 100_000;
const DAY_MS = 86_400_000;
/** Old records are looked for at most this often while questions come in. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Dismissals share the store under their own intent; they are not questions. */
const DISMISSED = '@dismissed';

/**
 * The question log, sealed at rest (a PrivateStore keyed by question id). In memory: the
 * records within the retention, their ids in the order asked, and the webhook events seen.
 */
export class QuestionLog {
  private readonly order: string[] = [];
  private head = 0;
  private readonly events = new Set<string>();
  private readonly dismissals = new Map<string, string>();
  private lastSweep = 0;

  private constructor(
    private readonly store: PrivateStore<QuestionRecord>,
    private readonly clock: () => Date,
    private readonly retentionMs: number,
    private readonly maxRecords: number,
  ) {}

  /** Opens the log; an older plain-text file is sealed first (texts that read as reports dropped). */
  static async open(file: string, key: Buffer, clock: () => Date, opts: QuestionLogOptions = {}): Promise<QuestionLog> {
    await migratePlainQuestionLog(file, key, QuestionRecordSchema, (r) => sanitize(r));
    // Not flushed to the disk per question (as before sealing): a power cut may lose the last few.
    const store = await PrivateStore.open(file, key, QuestionRecordSchema, undefined, { durable: false, ...(opts.logger ? { logger: opts.logger } : {}) });
    const log = new QuestionLog(store, clock, (opts.retentionDays ?? QUESTION_RETENTION_DAYS) * DAY_MS, opts.maxRecords ?? MAX_RECORDS);
    const at = (ref: string) => store.peek(ref)!.at;
    const refs = store.refsWhere(() => true).sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
    for (const ref of refs) log.remember(ref, store.peek(ref)!);
    await log.sweep(clock());
    return log;
  }

  /** Records a question; a second record of the same webhook event (a replay) is ignored. */
  async record(entry: QuestionRecord): Promise<void> {
    if (entry.event !== undefined && this.events.has(entry.event)) return;
    const clean = sanitize(entry);
    this.remember(clean.id!, clean);
    await this.store.set(clean.id!, clean);
    const now = this.clock().getTime();
    if (this.size > this.maxRecords || now - this.lastSweep > SWEEP_EVERY_MS) await this.sweep(new Date(now));
  }

  /** The record of one question, or undefined (unknown, or past the retention). */
  get(id: string): QuestionRecord | undefined {
    const record = this.store.get(id);
    return record && record.intent !== DISMISSED ? record : undefined;
  }

  /** Notes whether the answer helped; a second vote replaces the first. False for an unknown question. */
  async vote(id: string, helpful: boolean): Promise<boolean> {
    const record = this.get(id);
    if (!record) return false;
    await this.store.set(id, { ...record, vote: helpful ? 'up' : 'down' });
    return true;
  }

  /** Questions asked in [from, to), oldest first (read-only: shared, not copied). */
  between(from: Date, to: Date): readonly Readonly<QuestionRecord>[] {
    const [a, b] = [from.toISOString(), to.toISOString()];
    return this.live().filter((record) => record.at >= a && record.at < b);
  }

  all(): QuestionRecord[] {
    return this.live().map((q) => ({ ...q }));
  }

  private live(): Readonly<QuestionRecord>[] {
    const out: Readonly<QuestionRecord>[] = [];
    for (let i = this.head; i < this.order.length; i++) {
      const record = this.store.peek(this.order[i]!);
      if (record) out.push(record);
    }
    return out;
  }

  /** Hides a group of questions (staff judged them off-topic): those asked up to `at` leave the lists. */
  async dismiss(group: string, at: Date): Promise<void> {
    const id = dismissalId(group);
    this.dismissals.set(group, at.toISOString());
    await this.store.set(id, { id, at: at.toISOString(), intent: DISMISSED, text: group, match: null, kind: null, score: null });
  }

  /** When each dismissed group was dismissed. */
  dismissed(): ReadonlyMap<string, string> {
    return this.dismissals;
  }

  get size(): number {
    return this.order.length - this.head;
  }

  /** Deletes records past the retention (and the oldest beyond the cap); returns how many. */
  async sweep(now: Date): Promise<number> {
    this.lastSweep = now.getTime();
    const cutoff = new Date(now.getTime() - this.retentionMs).toISOString();
    const doomed: string[] = [];
    while (this.head < this.order.length) {
      const id = this.order[this.head]!;
      const record = this.store.peek(id);
      if (record && record.at >= cutoff && this.size <= this.maxRecords) break;
      if (record?.event !== undefined) this.events.delete(record.event);
      doomed.push(id);
      this.head += 1;
    }
    for (const [group, at] of this.dismissals) {
      if (at >= cutoff) continue;
      this.dismissals.delete(group);
      doomed.push(dismissalId(group));
    }
    // Drop the swept ids from the front now and then, not on every sweep.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
    await Promise.all(doomed.map((id) => this.store.delete(id)));
    if (doomed.length > 0) await this.store.compact();
    return doomed.length;
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private remember(id: string, record: Readonly<QuestionRecord>): void {
    if (record.intent === DISMISSED) {
      this.dismissals.set(record.text ?? '', record.at);
      return;
    }
    this.order.push(id);
    if (record.event !== undefined) this.events.add(record.event);
  }
}

const dismissalId = (group: string) => `d${createHash('sha256').update(group).digest('hex').slice(0, 20)}`;

/** The record as it may be stored: an id, and a text only when it cannot be a report. */
function sanitize(entry: QuestionRecord): QuestionRecord {
  const { text, ...rest } = entry;
  const kept = keptText(entry.intent, text);
  return { ...rest, id: entry.id ?? newQuestionId(), ...(kept !== undefined ? { text: kept } : {}) };
}
