/**
 * Request pacing for LINE's rate limits, on the injected clock. Nothing here sleeps: callers
 * ask how long to wait, and take a slot when they go.
 */

/** Evenly spaced requests: at most `perSecond`, never two closer than 1/perSecond apart. */
export class Pacer {
  private nextAt = -Infinity;
  private readonly gapMs: number;

  constructor(perSecond: number) {
    this.gapMs = perSecond === Infinity ? 0 : 1000 / perSecond;
  }

  /** Milliseconds until the next request may go (0: now). */
  wait(now: number): number {
    return Math.max(0, this.nextAt - now);
  }

  take(now: number): void {
    this.nextAt = Math.max(now, this.nextAt) + this.gapMs;
  }

  /** LINE said "too many requests": nobody goes for `ms`. */
  holdOff(now: number, ms: number): void {
    this.nextAt = Math.max(this.nextAt, now + ms);
  }
}

/** At most `limit` requests in any `windowMs` (LINE's broadcast: 60 per hour). */
export class WindowLimit {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    earlier: readonly number[] = [],
  ) {
    this.times.push(...[...earlier].sort((a, b) => a - b));
  }

  wait(now: number): number {
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    return this.times.length < this.limit ? 0 : this.times[0]! + this.windowMs - now;
  }

  take(now: number): void {
    this.times.push(now);
  }
}

/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * first·2^(n-1), capped at `max`, so retries of many batches do not arrive together.
 */
export function retryDelay(attempt: number, random: () => number, firstMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
