import type { messagingApi } from '@line/bot-sdk';
import type { Awaitable } from '../storage/awaitable.js';
import type { Batch } from './outbox.js';

/** What a sender asks of the delivery around it, whichever way it sends. */
export interface SenderHooks {
  /** The messages of a publication; null when it may no longer go out. */
  messages(pub: string): Awaitable<messagingApi.Message[] | null>;
  /**
   * Who a batch goes to, as refs and user ids. Before its first attempt (`fixed` false): only
   * the refs that still receive it (following, topic chosen); after, every ref that still has
   * a user id (a friend who erased their data has none).
   */
  recipients(batch: Batch, refs: readonly string[], fixed: boolean): Awaitable<{ refs: string[]; userIds: string[] }>;
  /** A batch reached its final state. */
  onSettled(batch: Batch): Promise<void>;
  /** LINE said the monthly message quota is spent. */
  onQuota(pub: string): Promise<void>;
  /** True while a publication's sending is paused (LINE's monthly limit, until staff resume it). */
  held(pub: string): Awaitable<boolean>;
}

/**
 * How a publication's batches go out: FanOut (the town's file outbox, one process, batches
 * queued in memory) or ClaimLoop (a tenant's batches in PostgreSQL, claimed by whichever
 * process gets them first).
 */
export interface BatchSender {
  /** Batches planned or resumed in this process, to send. */
  enqueue(batches: readonly Batch[]): void;
  /** Takes a publication's batches out of this process's queues (quota, cancel). */
  park(pub: string): void;
  /** Resolves when nothing can move until a timer fires. */
  idle(): Promise<void>;
  /** Stops sending once requests on their way are answered; pending batches stay stored. */
  close(): Promise<void>;
}
