import type { AnswerContext } from './fact-choice.js';

/** How long a previous answer stays the subject of a follow-up. */
export const FOLLOW_UP_MS = 10 * 60_000;
/** Users remembered at most; the oldest entry goes first. */
const MAX_USERS = 10_000;

/**
 * What each user's last answer was about (item family, fact, fiscal year), for a follow-up
 * without its subject, for 10 minutes. Kept in memory only and bounded: it holds no text of
 * the question, is never written to disk, and is not the conversation state, so it can never
 * overwrite a tip being written. After a restart a follow-up is read as a new question.
 */
export class AnswerMemory {
  private readonly entries = new Map<string, { context: AnswerContext; at: number }>();

  constructor(
    private readonly ttlMs = FOLLOW_UP_MS,
    private readonly maxUsers = MAX_USERS,
  ) {}

  get(userId: string, now: Date): AnswerContext | null {
    const entry = this.entries.get(userId);
    if (!entry) return null;
    if (now.getTime() - entry.at > this.ttlMs) {
      this.entries.delete(userId);
      return null;
    }
    return entry.context;
  }

  set(userId: string, context: AnswerContext, now: Date): void {
    // Re-inserted, so the Map's order is the order of last use.
    this.entries.delete(userId);
    this.entries.set(userId, { context, at: now.getTime() });
    if (this.entries.size > this.maxUsers) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }

  get size(): number {
    return this.entries.size;
  }
}
