import type { BatchSender } from './batch-sender.js';
import { FAN_OUT_DEFAULTS, type FanOutDeps, type FanOutOptions } from './fan-out-options.js';
import { outcomeOf, type Outcome } from '../line/line-outcome.js';
import type { Batch } from './outbox.js';
import { Pacer, WindowLimit } from '../line/pacer.js';
import { retryPlan } from './retry-plan.js';
import { withTimeout } from '../timers.js';

export type { FanOutDeps, FanOutOptions } from './fan-out-options.js';

/**
 * Sends pending batches to LINE: multicast paced under LINE's 200 requests per second,
 * broadcast under 60 per hour; each attempt with the batch's own retry key and the body
 * fixed before its first attempt. 5xx, network errors and hangs are retried with backoff and
 * jitter for up to 24 h; 409 counts as delivered; other 4xx fail the batch with LINE's words;
 * the monthly limit parks the publication for staff to resume; other 429s back off.
 * Nothing here sleeps while holding a request slot: waits are timers, so `idle()` can tell
 * when only timers are left (tests drive a manual clock with it).
 */
export class FanOut implements BatchSender {
  private readonly opts: FanOutOptions;
  private readonly queues = { multicast: [] as string[], broadcast: [] as string[] };
  private readonly queued = new Set<string>();
  private readonly retryTimers = new Map<string, unknown>();
  private readonly pacer: Pacer;
  private readonly broadcasts: WindowLimit;
  private pumpTimer: { handle: unknown; at: number } | null = null;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly deps: FanOutDeps) {
    this.opts = { ...FAN_OUT_DEFAULTS, ...deps.options };
    this.pacer = new Pacer(this.opts.multicastPerSecond, this.opts.multicastBurst);
    this.broadcasts = new WindowLimit(this.opts.broadcastPerHour, 3600_000, deps.outbox.broadcastTimes());
  }

  private now(): number {
    return this.deps.clock().getTime();
  }

  /** Queues batches to be sent (each once, in order). */
  enqueue(batches: readonly Batch[]): void {
    for (const b of batches) {
      if (b.state !== 'pending' || this.retryTimers.has(b.id) || this.queued.has(b.id)) continue;
      this.queued.add(b.id);
      this.queues[b.kind].push(b.id);
    }
    this.pump();
  }

  /** Takes a publication's batches out of the queues and retry timers (quota, cancel, close). */
  park(pub: string): void {
    const mine = (id: string) => id.startsWith(`${pub}/`);
    for (const kind of ['multicast', 'broadcast'] as const)
      this.queues[kind] = this.queues[kind].filter((id) => !mine(id) || !this.queued.delete(id));
    for (const [id, handle] of this.retryTimers) {
      if (!mine(id)) continue;
      this.deps.timers.clearTimeout(handle);
      this.retryTimers.delete(id);
    }
    this.checkIdle();
  }

  private pump(): void {
    if (this.closed) return this.checkIdle();
    for (const kind of ['multicast', 'broadcast'] as const) {
      const queue = this.queues[kind];
      const limit = kind === 'multicast' ? this.pacer : this.broadcasts;
      while (queue.length > 0 && this.inFlight < this.opts.maxInFlight) {
        const wait = limit.wait(this.now());
        if (wait > 0) {
          this.wakeIn(wait);
          break;
        }
        limit.take(this.now());
        const id = queue.shift()!;
        this.queued.delete(id);
        this.inFlight += 1;
        void this.attempt(id)
          .catch((err: Error) =>
            this.deps.logger.error('delivery attempt failed', { batch: id, error: err.name, message: err.message }),
          )
          .finally(() => {
            this.inFlight -= 1;
            this.pump();
          });
      }
    }
    this.checkIdle();
  }

  private wakeIn(ms: number): void {
    const at = this.now() + ms;
    if (this.pumpTimer && this.pumpTimer.at <= at) return;
    if (this.pumpTimer) this.deps.timers.clearTimeout(this.pumpTimer.handle);
    this.pumpTimer = {
      at,
      handle: this.deps.timers.setTimeout(() => {
        this.pumpTimer = null;
        this.pump();
      }, ms),
    };
  }

  /** One request for one batch, and what its answer means. */
  private async attempt(id: string): Promise<void> {
    const { outbox, clock } = this.deps;
    let batch = outbox.get(id);
    if (!batch || batch.state !== 'pending') return;
    const messages = await this.deps.messages(batch.pub);
    if (!messages) {
      await this.settle(batch, 'failed', {
        error: { status: null, message: 'the publication was withdrawn before this batch went', requestId: null },
      });
      return;
    }
    const fixed = batch.frozenAt !== null;
    const { refs, userIds: to } =
      batch.kind === 'multicast'
        ? await this.deps.recipients(batch, outbox.refs(id), fixed)
        : { refs: [], userIds: [] };
    // The body is fixed (and stored) before the first attempt; retries resend it unchanged.
    if (!fixed) batch = await outbox.freeze(batch, refs, clock());
    if (batch.kind === 'multicast' && to.length === 0) {
      await this.settle(batch, 'dropped');
      return;
    }
    const started = clock();
    const request =
      batch.kind === 'multicast'
        ? this.deps.line.multicast(to, messages, batch.retryKey)
        : this.deps.line.broadcast(messages, batch.retryKey);
    const outcome: Outcome = await withTimeout(request, this.opts.timeoutMs, this.deps.timers).then(
      (ok): Outcome => ({ kind: 'accepted', requestId: ok.requestId }),
      outcomeOf,
    );
    batch = {
      ...batch,
      attempts: batch.attempts + 1,
      lastAttemptAt: started.toISOString(),
      requestId: outcome.requestId ?? batch.requestId,
    };
    await this.record(batch, outcome, started);
  }

  private async record(batch: Batch, outcome: Outcome, started: Date): Promise<void> {
    switch (outcome.kind) {
      case 'accepted':
        return this.settle(batch, 'accepted', { error: null });
      case 'failed': {
        const { status, message, details, requestId } = outcome;
        this.deps.logger.warn('LINE refused a delivery batch', {
          batch: batch.id,
          status,
          body: message,
          lineRequestId: requestId,
        });
        return this.settle(batch, 'failed', {
          error: { status, message, ...(details !== undefined ? { details } : {}), requestId },
        });
      }
      case 'quota':
        await this.deps.outbox.update(batch);
        this.park(batch.pub);
        return this.deps.onQuota(batch.pub);
      case 'throttled':
        this.pacer.holdOff(this.now(), 1000);
        return this.retryLater(await this.deps.outbox.update(batch));
      case 'retry':
        this.deps.logger.warn('LINE delivery will be retried', {
          batch: batch.id,
          attempt: batch.attempts,
          reason: outcome.reason,
          lineRequestId: outcome.requestId,
        });
        return this.retryLater(
          await this.deps.outbox.update({ ...batch, ambiguousSince: batch.ambiguousSince ?? started.toISOString() }),
        );
    }
  }

  private async retryLater(batch: Batch): Promise<void> {
    const next = retryPlan(batch, this.now(), this.opts, this.deps.random);
    if ('failed' in next)
      return this.settle(batch, 'failed', {
        error: { status: null, message: next.failed, requestId: batch.requestId },
      });
    if (this.closed) return;
    this.retryTimers.set(
      batch.id,
      this.deps.timers.setTimeout(() => {
        this.retryTimers.delete(batch.id);
        this.enqueue([batch]);
      }, next.delayMs),
    );
  }

  private async settle(
    batch: Batch,
    state: 'accepted' | 'failed' | 'dropped',
    extra: Partial<Batch> = {},
  ): Promise<void> {
    await this.deps.onSettled(await this.deps.outbox.settle(batch, state, this.deps.clock(), extra));
  }

  private isIdle(): boolean {
    const queued = this.queues.multicast.length + this.queues.broadcast.length;
    return this.inFlight === 0 && (queued === 0 || this.pumpTimer !== null || this.closed);
  }

  private checkIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  /** Resolves when nothing can move until a timer fires (or there is nothing left at all). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** True when batches wait for a retry or for a rate-limit slot. */
  get waiting(): boolean {
    return this.retryTimers.size > 0 || this.pumpTimer !== null;
  }

  /** Stops sending (pending batches stay in the outbox for the next start) once requests on their way are answered. */
  async close(): Promise<void> {
    this.closed = true;
    for (const handle of this.retryTimers.values()) this.deps.timers.clearTimeout(handle);
    this.retryTimers.clear();
    if (this.pumpTimer) this.deps.timers.clearTimeout(this.pumpTimer.handle);
    this.pumpTimer = null;
    await this.idle();
  }
}
