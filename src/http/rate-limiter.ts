import { createHmac, randomBytes } from 'node:crypto';
import { addBangkokDays, startOfBangkokDay } from '../thai/bangkok-time.js';
import type { AttemptLimiter } from './shared-limits.js';

/** How long an attempt counts: a sliding window of so many milliseconds, or until Bangkok midnight. */
export type LimitWindow = number | 'bangkok-day';

/** Attempts at or before this instant no longer count (the memory and the database limiter alike). */
export function windowStart(window: LimitWindow, now: number): number {
  return window === 'bangkok-day' ? startOfBangkokDay(now).getTime() - 1 : now - window;
}

/** Whole seconds until one of `times` (the attempts still counting, oldest first) stops counting; 0 under the limit. */
export function secondsUntilFree(window: LimitWindow, limit: number, times: readonly number[], now: number): number {
  if (times.length < limit) return 0;
  const freeAt =
    window === 'bangkok-day'
      ? addBangkokDays(startOfBangkokDay(now), 1).getTime()
      : times[times.length - limit]! + window;
  return Math.max(1, Math.ceil((freeAt - now) / 1000));
}

/**
 * Counts attempts per key, in memory only (nothing about who tried is ever written down).
 * Keys are HMACed with a key that lives only in this process, so even the memory holds no
 * user ids or addresses in clear. A restart forgets every count. With a `'bangkok-day'`
 * window the HMAC key itself is replaced at Bangkok midnight and the day's counts dropped,
 * so not even the process can tell afterwards who tried on which day.
 *
 * Two ways to use it: `take` counts an attempt and refuses past the limit (lookups, form
 * posts, a LINE endpoint's calls); `blocked` + `count` count only failures (logins, staff
 * tokens, link codes), and `remaining` + `count` count what was done (tips per day).
 */
export class RateLimiter implements AttemptLimiter {
  private readonly hits = new Map<string, number[]>();
  private secret = randomBytes(32);
  private day = -1;

  constructor(
    private readonly clock: () => Date,
    private readonly limit: number,
    private readonly window: LimitWindow,
  ) {}

  /** Records an attempt; false when `who` is already at the limit (the attempt is not counted). */
  take(who: string): boolean {
    if (this.blocked(who)) return false;
    this.count(who);
    return true;
  }

  /** True when `who` has reached the limit within the window. */
  blocked(who: string): boolean {
    return this.remaining(who) === 0;
  }

  /** Attempts `who` has left in the window. */
  remaining(who: string): number {
    return Math.max(0, this.limit - this.recent(this.keyOf(who)).length);
  }

  /** Counts one attempt (a failure, a filed tip) for `who`, whatever the count already is. */
  count(who: string): void {
    const key = this.keyOf(who);
    const now = this.clock().getTime();
    // Only the last `limit` attempts matter, so a client that keeps trying holds no more memory.
    this.hits.set(key, [...this.recent(key), now].slice(-this.limit));
    if (this.hits.size > 10_000) this.prune(this.since(now));
  }

  /** Forgets `who`'s count (a success that clears earlier failures). */
  forgive(who: string): void {
    this.hits.delete(this.keyOf(who));
  }

  /** Whole seconds until `who` may try again (0 when not blocked): for a Retry-After header. */
  retryAfterSeconds(who: string): number {
    return secondsUntilFree(this.window, this.limit, this.recent(this.keyOf(who)), this.clock().getTime());
  }

  private keyOf(who: string): string {
    if (this.window === 'bangkok-day') this.turnDay();
    return createHmac('sha256', this.secret).update(who).digest('base64url');
  }

  /** A new Bangkok day: a new HMAC key, and yesterday's counts are gone. */
  private turnDay(): void {
    const day = startOfBangkokDay(this.clock()).getTime();
    if (day === this.day) return;
    this.day = day;
    this.secret = randomBytes(32);
    this.hits.clear();
  }

  /** Attempts at or before this instant no longer count. */
  private since(now: number): number {
    return windowStart(this.window, now);
  }

  /** The key's attempts still inside the window (older ones are forgotten). */
  private recent(key: string): number[] {
    const since = this.since(this.clock().getTime());
    const times = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.hits.delete(key);
    else this.hits.set(key, times);
    return times;
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) if (times.every((t) => t <= since)) this.hits.delete(key);
  }
}
