import type { Timers } from '../../src/timers.js';

/**
 * A clock and timers that move only when a test says so: `advance(ms, settle)` moves time
 * forward, firing each due timer in order and letting the work it starts finish (`settle`)
 * before the next, so scheduled sends, pacing and retry backoff run the same way every time.
 */
export interface ManualTime extends Timers {
  now(): Date;
  advance(ms: number, settle?: () => Promise<void>): Promise<void>;
  /** Timers waiting, with how far ahead they are due (ms). */
  pending(): number[];
}

export function manualTime(start: Date | string): ManualTime {
  let now = new Date(start).getTime();
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => new Date(now),
    setTimeout(fn, ms) {
      seq += 1;
      timers.set(seq, { at: now + Math.max(0, ms), fn });
      return seq;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    async advance(ms, settle = async () => undefined) {
      const target = now + ms;
      for (;;) {
        await settle();
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= target)
          .sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = target;
      await settle();
    },
  };
}
