import type { Awaitable } from '../storage/awaitable.js';
import type { Session } from './sessions.js';

/**
 * Console sessions, whatever keeps them: this process's memory (SessionStore, the single
 * town) or PostgreSQL (src/db/session-store-postgres.ts, shared by every process). Sessions
 * are found by a hash of the cookie value; an idle or too old one is gone.
 */
export interface SessionRepository {
  /** A new session with a fresh id (never reuse the id a visitor had before logging in). */
  create(name: string | null, generation?: number): Awaitable<{ id: string; session: Session }>;
  /** The live session for a cookie value, marked as seen now. */
  get(id: string | undefined): Awaitable<Session | undefined>;
  destroy(id: string | undefined): Awaitable<void>;
  /** Ends every session of an account. */
  destroyAccount(name: string): Awaitable<void>;
}
