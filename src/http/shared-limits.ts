import type { Awaitable } from '../storage/awaitable.js';
import { RateLimiter, type LimitWindow } from './rate-limiter.js';

/**
 * Counts attempts per client against a limit (see RateLimiter for the two ways to use it).
 * In memory for one process (RateLimiter), or in the database so every bot process of a
 * tenant counts the same attempts (PostgresRateLimiter): callers await each call.
 */
export interface AttemptLimiter {
  /** Records an attempt; false when `who` is already at the limit (the attempt is not counted). */
  take(who: string): Awaitable<boolean>;
  blocked(who: string): Awaitable<boolean>;
  remaining(who: string): Awaitable<number>;
  /** Counts one attempt (a failure, a filed tip) for `who`, whatever the count already is. */
  count(who: string): Awaitable<void>;
  /** Forgets `who`'s count (a success that clears earlier failures). */
  forgive(who: string): Awaitable<void>;
  /** Whole seconds until `who` may try again (0 when not blocked): for a Retry-After header. */
  retryAfterSeconds(who: string): Awaitable<number>;
}

/** Values good for one use (a form's one-time value): once marked, refused until `keepMs` has passed. */
export interface OneTimeValues {
  wasUsed(value: string, now: Date): Awaitable<boolean>;
  /** Marks the value used; false when it already was (another request, maybe another process, took it first). */
  markUsed(value: string, now: Date): Awaitable<boolean>;
}

/**
 * Where the bot's abuse limits and one-time values live: this process's memory for one town,
 * a tenant's rows for the shared service. The same `name` on two processes is one limit.
 */
export interface SharedLimits {
  limiter(name: string, limit: number, window: LimitWindow): AttemptLimiter;
  oneTime(name: string, keepMs: number): OneTimeValues;
}

/** Used values remembered in memory (a restart forgets them); at most 10,000 past their time are kept. */
export class MemoryOneTimeValues implements OneTimeValues {
  private readonly used = new Map<string, number>();

  constructor(private readonly keepMs: number) {}

  wasUsed(value: string, now: Date): boolean {
    const at = this.used.get(value);
    return at !== undefined && now.getTime() - at < this.keepMs;
  }

  markUsed(value: string, now: Date): boolean {
    if (this.wasUsed(value, now)) return false;
    this.used.set(value, now.getTime());
    if (this.used.size > 10_000)
      for (const [v, at] of this.used) if (now.getTime() - at >= this.keepMs) this.used.delete(v);
    return true;
  }
}

/** The single town's limits: each in this process's memory, as before. */
export function memoryLimits(clock: () => Date): SharedLimits {
  return {
    limiter: (_name, limit, window) => new RateLimiter(clock, limit, window),
    oneTime: (_name, keepMs) => new MemoryOneTimeValues(keepMs),
  };
}
