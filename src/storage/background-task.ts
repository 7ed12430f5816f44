import { createLogger, type Logger } from '../logger.js';

export interface RetryOptions {
  /** Wait before the first retry; doubled after each failure in a row. */
  firstRetryMs?: number;
  /** The longest wait between two retries. */
  maxRetryMs?: number;
}

/** For stores opened without the bot's logger: the same JSON lines on stdout. */
export const fallbackLogger: Logger = createLogger();

/**
 * Work the bot starts without waiting for it (a store's compaction). A failure is never
 * thrown into the void, where Node 20 ends the process on the unhandled rejection, nor
 * swallowed: it is logged with where it happened (no record content) and the work is tried
 * again after a growing wait (1 s, 2 s, 4 s … up to 5 min). Asking while it runs, or while
 * a retry is due, changes nothing: the run under way or the retry covers the request.
 */
export class BackgroundTask {
  private running: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly where: string,
    private readonly work: () => Promise<void>,
    private readonly logger: Logger = fallbackLogger,
    private readonly opts: RetryOptions = {},
  ) {}

  /** Starts the work unless it is running or a retry is already due. */
  request(): void {
    if (this.closed || this.running || this.retry) return;
    this.running = this.run().finally(() => (this.running = null));
  }

  private async run(): Promise<void> {
    try {
      await this.work();
      if (this.failures > 0)
        this.logger.info('background work succeeded after failing', { where: this.where, failures: this.failures });
      this.failures = 0;
    } catch (err) {
      this.failures += 1;
      const waitMs = Math.min(
        this.opts.maxRetryMs ?? 300_000,
        (this.opts.firstRetryMs ?? 1_000) * 2 ** (this.failures - 1),
      );
      this.logger.error('background work failed; it will be tried again', {
        where: this.where,
        ...describeError(err),
        attempt: this.failures,
        retryInMs: waitMs,
      });
      if (this.closed) return;
      this.retry = setTimeout(() => {
        this.retry = null;
        this.request();
      }, waitMs);
      this.retry.unref();
    }
  }

  /** Resolves when no run is under way (a run never rejects). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** No more runs or retries; waits for the one under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.running;
  }
}

/** The error's code and first line: file-system errors name a path and an operation, never record content. */
function describeError(err: unknown): { error: string; message: string } {
  const e = err as Partial<NodeJS.ErrnoException> | undefined;
  return {
    error: e?.code ?? e?.name ?? 'Error',
    message: String(e?.message ?? err)
      .split('\n')[0]!
      .slice(0, 300),
  };
}
