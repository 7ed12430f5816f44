import type { AppendLog } from '../storage/append-log.js';

/**
 * Every question residents ask, for statistics and for improving answers: when, the
 * normalised text, what it matched and how well. Never the user id; never the text of a
 * message that starts a tip (that text may be the tip itself).
 */
export interface QuestionRecord {
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

  constructor(
    private readonly log: AppendLog,
    existing: QuestionRecord[] = [],
  ) {
    this.recent.push(...existing);
  }

  record(entry: QuestionRecord): Promise<void> {
    this.recent.push(entry);
    return this.log.append(entry);
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
