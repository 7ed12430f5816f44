import { createHmac, randomBytes } from 'node:crypto';

/**
 * Counts attempts per key in a sliding window, in memory only (nothing about who tried is
 * ever written down). Keys are HMACed with a key that lives only in this process, so even
 * the memory holds no user ids or addresses in clear. A restart forgets every count.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly secret = randomBytes(32);

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private keyOf(who: string): string {
    return createHmac('sha256', this.secret).update(who).digest('base64url');
  }

  /** Records an attempt; false when `who` is already at the limit (the attempt is not counted). */
  take(who: string, now: Date): boolean {
    const key = this.keyOf(who);
    const since = now.getTime() - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now.getTime());
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(since);
    return true;
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) if (times.every((t) => t <= since)) this.hits.delete(key);
  }
}
