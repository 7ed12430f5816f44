import type { Awaitable } from '../storage/awaitable.js';
import type { LineEvent } from './event-schema.js';
import type { InboxEntry } from './inbox-records.js';

/**
 * Webhook events between the 200 and their handling, whatever keeps them: the sealed file
 * of one process (Inbox) or PostgreSQL shared by several (src/db/inbox-postgres.ts). An event
 * is stored once, before the webhook answers; a redelivery of a stored or handled id is not
 * admitted again (handled ids are remembered for a day).
 */
export interface InboxStore {
  /** Stores the events not seen before and returns them, once they are stored: these are the caller's to handle. */
  admit(events: Array<{ id: string; event: LineEvent }>, now: Date): Promise<InboxEntry[]>;
  /** Events acknowledged earlier and not handled (after a crash), oldest first, now the caller's to handle. */
  pending(): Awaitable<InboxEntry[]>;
  /** Marks that a reply to the event is about to be sent: after a crash it is not sent again. */
  replying(id: string, at: Date, opts?: { durable?: boolean }): Promise<void>;
  /** Marks an event handled (whatever the outcome), so it is handled once. */
  done(id: string, now: Date): Promise<void>;
  /** Forgets what no longer needs remembering (handled ids older than a day). */
  compact(now: Date): Promise<void>;
  close(): Promise<void>;
}
