import type { LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import type { SenderHooks } from './batch-sender.js';
import type { Outbox } from './outbox.js';
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
  /**
   * How often a process sharing a database looks there for work another process left or
   * made: batches to claim or take over, publications due, publications others created.
   */
  pollMs: number;
  /**
   * How long a process that shares the database holds a claimed batch or due publication
   * before another may take it over (unset: two minutes and one minute; tests shorten it).
   */
  claimLeaseMs?: number;
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
  pollMs: 5_000,
};

/** What a sender needs from around it, whichever stores it sends from. */
export interface SendingDeps {
  line: Pick<LineGateway, 'multicast' | 'broadcast'>;
  clock: () => Date;
  timers: Timers;
  random: () => number;
  logger: Logger;
  options?: Partial<FanOutOptions>;
}

export interface FanOutDeps extends SendingDeps, Omit<SenderHooks, 'held'> {
  outbox: Outbox;
}
