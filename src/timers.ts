/**
 * Timers the delivery code waits on, injected so tests and the clock agree (a test moves a
 * manual clock and fires what is due; production uses the real ones).
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unref'd: a pending retry never keeps a stopping process alive. */
export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, Math.max(0, ms));
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * `work`, or a TimeoutError after `ms`. The SDK's fetch has no timeout of its own, so a call
 * that hangs is abandoned here; its late answer, if any, is ignored (a retry with the same
 * X-Line-Retry-Key then gets 409 from LINE, which counts as delivered).
 */
export function withTimeout<T>(work: Promise<T>, ms: number, timers: Timers): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handle = timers.setTimeout(() => reject(new TimeoutError(`no answer within ${ms / 1000} s`)), ms);
    work.then(
      (value) => {
        timers.clearTimeout(handle);
        resolve(value);
      },
      (err: unknown) => {
        timers.clearTimeout(handle);
        reject(err);
      },
    );
  });
}
