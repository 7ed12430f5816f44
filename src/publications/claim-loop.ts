import type { Logger } from '../logger.js';
import type { Timers } from '../timers.js';
import type { BatchSender } from './batch-sender.js';
import type { ClaimedSender } from './claimed-sender.js';

/** Batches claimed in one round (each is tried once before the next claim). */
const ROUND = 10;

/**
 * A tenant's sending in a process that shares the database with others: it claims pending
 * batches in rounds until none is free, when told batches were planned here and every
 * `pollMs` (batches planned by another process, batches another process let go, batches of a
 * process that died), and when a batch it let go after a failed attempt may go again (`wakeIn`). Which process sends a batch is decided by the claim, so nothing is
 * queued in memory: `enqueue` only starts a round. `workers` rounds run side by side, so a
 * process has that many requests on their way.
 */
export class ClaimLoop implements BatchSender {
  private running: Promise<void> = Promise.resolve();
  /** A drain is waiting behind the one running: another kick adds nothing. */
  private queued = false;
  private handle: unknown = null;
  /** The look set for a batch let go until then (one timer: the soonest). */
  private wake: { handle: unknown; at: number } | null = null;
  private closed = false;

  constructor(
    private readonly sender: Pick<ClaimedSender, 'round'>,
    private readonly timers: Timers,
    private readonly logger: Logger,
    private readonly pollMs: number,
    /** Rounds running side by side, each sending one request at a time (the channel's limits pace them all). */
    private readonly workers = 1,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.arm();
  }

  enqueue(): void {
    this.kick();
  }

  /** Nothing is queued here: a paused publication's batches are let go (SenderHooks.held) until resumed. */
  park(): void {}

  /**
   * A batch this process let go may be claimed in `ms` (its backoff): a round then, sooner
   * than the next poll. Only the soonest such look is kept; each round claims every batch due.
   */
  wakeIn(ms: number): void {
    const at = this.clock().getTime() + ms;
    if (this.closed || (this.wake && this.wake.at <= at)) return;
    if (this.wake) this.timers.clearTimeout(this.wake.handle);
    this.wake = {
      at,
      handle: this.timers.setTimeout(() => {
        this.wake = null;
        this.kick();
      }, ms),
    };
  }

  private arm(): void {
    if (this.closed) return;
    this.handle = this.timers.setTimeout(() => {
      this.kick();
      this.arm();
    }, this.pollMs);
  }

  private kick(): void {
    if (this.closed || this.queued) return;
    this.queued = true;
    this.running = this.running
      .then(() => {
        this.queued = false;
        return this.drain();
      })
      .catch((err: Error) => this.logger.error('delivery round failed', { error: err.name, message: err.message }));
  }

  private async drain(): Promise<void> {
    const worker = async () => {
      while (!this.closed && (await this.sender.round(ROUND)) > 0);
    };
    await Promise.all(Array.from({ length: this.workers }, worker));
  }

  /** Resolves when no round is running or waiting. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.running;
      await seen;
    } while (seen !== this.running);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    if (this.wake) this.timers.clearTimeout(this.wake.handle);
    [this.handle, this.wake] = [null, null];
    await this.idle();
  }
}
