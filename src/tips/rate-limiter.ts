import { createHmac, randomBytes } from 'node:crypto';

/**
 * Counts attempts per key in a sliding window, in memory only (nothing about who tried is
 * ever written down). Keys are HMACed with a key that lives only in this process, so even
 * the memory holds no user ids or addresses in clear. A restart forgets every count.
 *
 * Two ways to use it: `take` counts an attempt and refuses past the limit (lookups, form
 * posts); `blocked` + `fail` count only failures (logins, staff tokens).
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly clock: () => Date,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records an attempt; false when `who` is already at the limit (the attempt is not counted). */
  take(who: string): boolean {
    if (this.blocked(who)) return false;
    this.fail(who);
    return true;
  }

  /** True when `who` has reached the limit within the window. */
  blocked(who: string): boolean {
    return this.recent(this.keyOf(who)).length >= this.limit;
  }

  /** Counts one attempt (a failure) for `who`, whatever the count already is. */
  fail(who: string): void {
    const key = this.keyOf(who);
    const now = this.clock().getTime();
    // Only the last `limit` attempts matter, so a client that keeps trying holds no more memory.
    this.hits.set(key, [...this.recent(key), now].slice(-this.limit));
    if (this.hits.size > 10_000) this.prune(now - this.windowMs);
  }

  /** Whole seconds until `who` may try again (0 when not blocked): for a Retry-After header. */
  retryAfterSeconds(who: string): number {
    const times = this.recent(this.keyOf(who));
    if (times.length < this.limit) return 0;
    const freeAt = times[times.length - this.limit]! + this.windowMs;
    return Math.max(1, Math.ceil((freeAt - this.clock().getTime()) / 1000));
  }

  private keyOf(who: string): string {
    return createHmac('sha256', this.secret).update(who).digest('base64url');
  }

  /** The key's attempts still inside the window (older ones are forgotten). */
  private recent(key: string): number[] {
    const since = this.clock().getTime() - this.windowMs;
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.hits.delete(key);
    else this.hits.set(key, times);
    return times;
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) if (times.every((t) => t <= since)) this.hits.delete(key);
  }
}
