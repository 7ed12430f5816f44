import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionRepository } from './session-repository.js';

export interface Session {
  /** The account, or null for a visitor on the login page (who still needs a CSRF token). */
  name: string | null;
  /** The account's generation when the session began; a newer one ends the session. */
  generation: number;
  /** The synchronizer token every form of this session carries. */
  csrf: string;
  createdAt: number;
  seenAt: number;
}

export const SESSION_LIMITS = {
  /** Idle time before a session ends. */
  idleMs: 30 * 60_000,
  /** Age at which a session ends however busy it is. */
  maxAgeMs: 12 * 60 * 60_000,
  /** Visitors on the login page kept at most; the oldest go first. */
  maxVisitors: 5_000,
};

const token = () => randomBytes(32).toString('base64url');
const digest = (id: string) => createHash('sha256').update(id).digest('base64url');

/**
 * Console sessions, in memory only (a restart logs everyone out, which is the safe failure).
 * The map is keyed by a hash of the cookie value, so the live cookie values are nowhere at rest.
 */
export class SessionStore implements SessionRepository {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: () => Date) {}

  /** A new session with a fresh id (never reuse the id a visitor had before logging in). */
  create(name: string | null, generation = 0): { id: string; session: Session } {
    const now = this.clock().getTime();
    if (name === null) this.trimVisitors();
    const id = token();
    const session: Session = { name, generation, csrf: token(), createdAt: now, seenAt: now };
    this.sessions.set(digest(id), session);
    return { id, session };
  }

  /** The live session for a cookie value; an expired one is removed. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const key = digest(id);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    const now = this.clock().getTime();
    if (now - session.seenAt > SESSION_LIMITS.idleMs || now - session.createdAt > SESSION_LIMITS.maxAgeMs) {
      this.sessions.delete(key);
      return undefined;
    }
    session.seenAt = now;
    return session;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(digest(id));
  }

  /** Ends every session of an account in this process (the generation ends them anywhere). */
  destroyAccount(name: string): void {
    for (const [key, s] of this.sessions) if (s.name === name) this.sessions.delete(key);
  }

  private trimVisitors(): void {
    let visitors = 0;
    for (const s of this.sessions.values()) if (s.name === null) visitors += 1;
    for (const [key, s] of this.sessions) {
      if (visitors < SESSION_LIMITS.maxVisitors) break;
      if (s.name === null) {
        this.sessions.delete(key);
        visitors -= 1;
      }
    }
  }
}

/** Constant-time comparison of the form's token with the session's. */
export function csrfMatches(session: Session, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
