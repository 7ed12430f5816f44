import type { messagingApi } from '@line/bot-sdk';
import type { LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import type { Batch, Outbox } from './outbox.js';
import type { Timers } from '../timers.js';

/** How the fan-out paces, waits and retries, and what it needs from around it. */
export interface FanOutOptions {
  /** Multicast requests per second: LINE allows 200; a margin absorbs network jitter. */
  multicastPerSecond: number;
  /** Requests that may go together after a late timer (at most rate + burst in any second). */
  multicastBurst: number;
  broadcastPerHour: number;
  /** A request without an answer after this long is abandoned and retried. */
  timeoutMs: number;
  /** How long LINE remembers a retry key: no retry after this (it could deliver twice). */
  retryWindowMs: number;
  firstRetryMs: number;
  maxRetryMs: number;
  /** Requests on their way at once (bounds sockets and memory). */
  maxInFlight: number;
}

export const FAN_OUT_DEFAULTS: FanOutOptions = {
  multicastPerSecond: 190,
  multicastBurst: 5,
  broadcastPerHour: 60,
  timeoutMs: 10_000,
  retryWindowMs: 24 * 3600_000,
  firstRetryMs: 1_000,
  maxRetryMs: 10 * 60_000,
  maxInFlight: 32,
};

export interface FanOutDeps {
  outbox: Outbox;
  line: Pick<LineGateway, 'multicast' | 'broadcast'>;
  clock: () => Date;
  timers: Timers;
  random: () => number;
  logger: Logger;
  /** The messages of a publication; null when it may no longer go out. */
  messages(pub: string): messagingApi.Message[] | null;
  /**
   * Who a batch goes to, as refs and user ids. Before its first attempt (`fixed` false): only
   * the refs that still receive it (following, topic chosen); after, every ref that still has
   * a user id (a friend who erased their data has none).
   */
  recipients(batch: Batch, refs: readonly string[], fixed: boolean): { refs: string[]; userIds: string[] };
  /** A batch reached its final state. */
  onSettled(batch: Batch): Promise<void>;
  /** LINE said the monthly message quota is spent. */
  onQuota(pub: string): Promise<void>;
  options?: Partial<FanOutOptions>;
}
