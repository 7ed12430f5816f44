import type { Timers } from './timers.js';

/**
 * Runs `run` when the next thing is due, on the injected clock and timers. It never waits
 * longer than `maxWaitMs` before looking again, so a scheduled publication still goes within
 * a minute of its time if the machine's clock jumps or the process slept.
 */
export class DueTimer {
  private handle: unknown = null;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly timers: Timers,
    private readonly clock: () => Date,
    private readonly run: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly maxWaitMs = 60_000,
  ) {}

  /** (Re)arms for `at` (null: nothing due; look again after maxWaitMs anyway). */
  arm(at: Date | null): void {
    if (this.closed) return;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    const wait = at ? Math.min(this.maxWaitMs, Math.max(0, at.getTime() - this.clock().getTime())) : this.maxWaitMs;
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.fire();
    }, wait);
  }

  /** Runs now (one run at a time; a call during a run waits for it and runs again). */
  fire(): Promise<void> {
    this.running = this.running.then(() => (this.closed ? undefined : this.run())).catch(this.onError);
    return this.running;
  }

  /** Resolves once a run in progress (if any) has finished. */
  settled(): Promise<void> {
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    await this.running;
  }
}
