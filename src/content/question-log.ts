import { randomBytes } from 'node:crypto';
import type { AppendLog } from '../storage/append-log.js';

/** A fresh question id: 12 lowercase base32 letters (60 random bits, CSPRNG). */
export function newQuestionId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from(randomBytes(12), (byte) => alphabet[byte & 31]).join('');
}

/**
 * Every question residents ask, for statistics and for improving answers: when, the
 * normalised text, what it matched and how well. Never the user id; never the text of a
 * message that starts a tip (that text may be the tip itself).
 */
export interface QuestionRecord {
  /** The question's id (newQuestionId); 👍/👎 votes refer to it. */
  id?: string;
  /** LINE's webhookEventId: a replayed event is recorded once. */
  event?: string;
  at: string;
  intent: string;
  /** Normalised question text; absent when it must not be kept (tips). */
  text?: string;
  /** Id of the item given as the answer, or null when nothing matched. */
  match: string | null;
  kind: string | null;
  score: number | null;
}

export class QuestionLog {
  private readonly recent: QuestionRecord[] = [];
  private readonly events = new Set<string>();

  constructor(
    private readonly log: AppendLog,
    existing: QuestionRecord[] = [],
  ) {
    for (const entry of existing) this.remember(entry);
  }

  /** Records a question; a second record of the same webhook event (a replay) is ignored. */
  record(entry: QuestionRecord): Promise<void> {
    if (entry.event !== undefined && this.events.has(entry.event)) return Promise.resolve();
    this.remember(entry);
    return this.log.append(entry);
  }

  private remember(entry: QuestionRecord): void {
    this.recent.push(entry);
    if (entry.event !== undefined) this.events.add(entry.event);
  }

  /** Questions asked in [from, to). */
  between(from: Date, to: Date): QuestionRecord[] {
    const a = from.toISOString();
    const b = to.toISOString();
    return this.recent.filter((q) => q.at >= a && q.at < b);
  }

  all(): QuestionRecord[] {
    return this.recent.map((q) => ({ ...q }));
  }
}
