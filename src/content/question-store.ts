import type { Awaitable } from '../storage/awaitable.js';
import type { QuestionRecord } from './question-record.js';

/**
 * The question log as its readers and writers see it: the single town's sealed file
 * (QuestionLog, answering reads at once from memory) or a tenant's rows in PostgreSQL
 * (PostgresQuestionLog, shared by every bot process). Callers await every read, so either
 * serves. Both keep questions for `QUESTION_RETENTION_DAYS` and at most 100,000 of them.
 */
export interface QuestionStore {
  /** Records a question; a second record of the same webhook event (a replay) is ignored. */
  record(entry: QuestionRecord): Promise<void>;
  /** The record of one question, or undefined (unknown, or past the retention). */
  get(id: string): Awaitable<QuestionRecord | undefined>;
  /** Notes whether the answer helped; a second vote replaces the first. False for an unknown question. */
  vote(id: string, helpful: boolean): Promise<boolean>;
  /** Questions asked in [from, to), oldest first. */
  between(from: Date, to: Date): Awaitable<QuestionRecord[]>;
  all(): Awaitable<QuestionRecord[]>;
  /** Hides a group of questions (staff judged them off-topic): those asked up to `at` leave the lists. */
  dismiss(group: string, at: Date): Promise<void>;
  /** When each dismissed group was dismissed. */
  dismissed(): Awaitable<ReadonlyMap<string, string>>;
  /** Deletes what is past the retention (and past the most kept); returns how many records. */
  sweep(now: Date): Awaitable<number>;
  close(): Promise<void>;
}
