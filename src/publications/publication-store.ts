import type { Awaitable } from '../storage/awaitable.js';
import type { Publication } from './publication.js';

/** How long a process holds a due publication it is starting before another may start it. */
export const START_LEASE_MS = 60_000;

/**
 * Where publications live: the file repository (one process) or PostgreSQL (several). The
 * reads mirror PublicationRepo's; `claimDue` is how several processes polling the same
 * schedule start each due publication once: it hands a due one to one process for a lease,
 * and to another only when that lease ran out with the publication still scheduled.
 */
export interface PublicationStore {
  get(id: string): Awaitable<Publication | undefined>;
  /**
   * Stores a new or changed publication. A cancelled one stays cancelled: a process that
   * claimed it before another cancelled it cannot mark it as sending afterwards.
   */
  save(publication: Publication): Promise<void>;
  /** Newest first (by creation). */
  list(): Awaitable<Publication[]>;
  /** Scheduled ones whose time has come, oldest first (without claiming them). */
  due(now: Date): Awaitable<Publication[]>;
  /** Due scheduled ones nobody is starting, now this process's to start, oldest first. */
  claimDue(now: Date): Awaitable<Publication[]>;
  nextDue(): Awaitable<Date | null>;
  /** What residents can see: publications whose sending has started, newest first. */
  published(): Awaitable<Publication[]>;
  countPublished(from: Date, to: Date): Awaitable<number>;
  close(): Promise<void>;
}
