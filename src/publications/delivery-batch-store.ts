import type { Awaitable } from '../storage/awaitable.js';
import type { Batch, Figures, PlannedRefs } from './outbox.js';

/** How long a claimed batch stays with its process before another may take it over. */
export const BATCH_LEASE_MS = 2 * 60_000;

/**
 * Where a publication's delivery batches live: the file outbox (one process) or PostgreSQL
 * (several processes). A process `claim`s pending batches for a lease; a batch whose process
 * died is claimed again once the lease ran out, and keeps its retry key, so LINE accepts it
 * once whoever sends it; a batch LINE did not take is `release`d to be claimed after its backoff. The body is fixed by `freeze` before the first attempt; a second
 * freeze of the same batch keeps the first (read the refs back with `refs`).
 */
export interface DeliveryBatchStore {
  /** Batches of at most 500 refs (one without refs for a broadcast), each with its retry key; refs may come in pages. */
  plan(pub: string, kind: Batch['kind'], refs: PlannedRefs, broadcastAudience?: number): Promise<Batch[]>;
  batches(pub: string): Awaitable<Batch[]>;
  refs(id: string): Awaitable<string[]>;
  /** True while a batch of the publication is pending: one count, not every batch read back (asked after each batch settles). */
  hasPending(pub: string): Awaitable<boolean>;
  /** Up to `limit` pending batches nobody holds, now held by this process until the lease ends. */
  claim(now: Date, limit: number): Awaitable<Batch[]>;
  freeze(batch: Batch, refs: readonly string[], now: Date): Promise<Batch>;
  update(batch: Batch): Promise<Batch>;
  /**
   * Records an attempt LINE did not take (or none, for a paused publication) and lets the claim
   * go: any process may claim the batch again from `notBefore` (without it, from the end of the
   * lease). A claim this process no longer holds (its lease ran out, another took it) is left
   * to its holder. The batch keeps its retry key and body, so LINE accepts it once.
   */
  release(batch: Batch, notBefore?: Date): Promise<Batch>;
  /** A publication's let-go batches claimable at once (staff resumed it after LINE's monthly limit). */
  wake(pub: string): Promise<void>;
  /** Accepted, failed or dropped: recorded, the recipients deleted and the claim let go. */
  settle(batch: Batch, state: Exclude<Batch['state'], 'pending'>, now: Date, extra?: Partial<Batch>): Promise<Batch>;
  figures(pub: string): Awaitable<Figures>;
  /** The figures of several publications in one read (a listing); a publication without batches has none. */
  figuresOf(pubs: readonly string[]): Awaitable<Map<string, Figures>>;
  close(): Promise<void>;
}
