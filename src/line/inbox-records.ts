import type { webhook } from '@line/bot-sdk';

/** The inbox file's records (JSON lines) and what the inbox holds in memory. */

export interface InboxEntry {
  id: string;
  event: webhook.Event;
  /** When the bot acknowledged the event (ms since epoch): reply tokens age from here. */
  receivedAt: number;
  /** A reply to it was started (and may have reached LINE): after a crash it must not be sent again. */
  replied: boolean;
}

export type InboxRecord =
  | { op: 'in'; id: string; at: number; sealed: string; replied?: true }
  | { op: 'replying'; id: string; at: number }
  | { op: 'done'; id: string; at: number }
  | { op: 'seen'; id: string; at: number };

/** An acknowledged event with its sealed form, kept for compaction (sealing again costs). */
export type Held = { entry: InboxEntry; sealed: string };

export function inRecord({ entry, sealed }: Held): InboxRecord {
  return { op: 'in', id: entry.id, at: entry.receivedAt, sealed, ...(entry.replied ? { replied: true as const } : {}) };
}
