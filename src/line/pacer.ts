/**
 * Request pacing for LINE's rate limits, on the injected clock. Nothing here sleeps: callers
 * ask how long to wait, and take a slot when they go.
 */

/**
 * A token bucket (GCRA) on the injected clock: on average `perSecond`, and after a late
 * timer up to `burst` requests may go together to catch up. In any one second at most
 * perSecond + burst go (190 + 5 under LINE's 200), at the moment they are sent.
 */
export class Pacer {
  /** When the next request would be due if none had ever gone early ("theoretical arrival time"). */
  private tat = -Infinity;
  private readonly gapMs: number;
  private readonly toleranceMs: number;

  constructor(perSecond: number, burst = 1) {
    this.gapMs = perSecond === Infinity ? 0 : 1000 / perSecond;
    this.toleranceMs = (Math.max(1, burst) - 1) * this.gapMs;
  }

  /** Milliseconds until the next request may go (0: now). */
  wait(now: number): number {
    return Math.max(0, this.tat - this.toleranceMs - now);
  }

  take(now: number): void {
    this.tat = Math.max(now, this.tat) + this.gapMs;
  }

  /** LINE said "too many requests": nobody goes for `ms`. */
  holdOff(now: number, ms: number): void {
    this.tat = Math.max(this.tat, now + ms + this.toleranceMs);
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
