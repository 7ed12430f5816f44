import type { webhook } from '@line/bot-sdk';
import { AppendLog } from '../storage/append-log.js';
import { openSealedText, seal } from '../crypto/sealed.js';

export interface InboxEntry {
  id: string;
  event: webhook.Event;
  /** When the bot acknowledged the event (ms since epoch): reply tokens age from here. */
  receivedAt: number;
  /** A reply to it was started (and may have reached LINE): after a crash it must not be sent again. */
  replied: boolean;
}

type Record =
  | { op: 'in'; id: string; at: number; sealed: string; replied?: true }
  | { op: 'replying'; id: string; at: number }
  | { op: 'done'; id: string; at: number }
  | { op: 'seen'; id: string; at: number };

/** How long a handled event's id is remembered to recognise a redelivery. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;

/**
 * Webhook events between the 200 and their handling. Each is sealed (encrypted) and on disk
 * before the webhook answers, so an acknowledged event survives a crash and is handled at
 * the next start. Event ids are remembered for a day, so a redelivery is handled once.
 */
export class Inbox {
  private readonly pendingById = new Map<string, InboxEntry>();
  private readonly seenAt = new Map<string, number>();
  private lines = 0;

  private constructor(
    private readonly log: AppendLog,
    private readonly key: Buffer,
  ) {}

  static async open(file: string, key: Buffer, now: Date): Promise<Inbox> {
    const { log, records } = await AppendLog.open(file);
    const inbox = new Inbox(log, key);
    try {
      inbox.load(records as Record[]);
    } catch (err) {
      // Sealed under another key, or damaged: stop the start without leaving the file open.
      await log.close();
      throw new Error(`${file}: cannot be read with this TIP_ENCRYPTION_KEY (${(err as Error).message})`);
    }
    await inbox.compact(now);
    return inbox;
  }

  private load(records: Record[]): void {
    for (const r of records) {
      if (r.op === 'in') {
        const event = JSON.parse(openSealedText(this.key, r.sealed)) as webhook.Event;
        this.pendingById.set(r.id, { id: r.id, event, receivedAt: r.at, replied: r.replied === true });
      } else if (r.op === 'replying') {
        const entry = this.pendingById.get(r.id);
        if (entry) entry.replied = true;
        continue;
      } else {
        this.pendingById.delete(r.id);
      }
      this.seenAt.set(r.id, r.at);
    }
  }

  /** Events acknowledged earlier and not yet handled (after a crash), oldest first. */
  pending(): InboxEntry[] {
    return [...this.pendingById.values()].sort((a, b) => a.receivedAt - b.receivedAt);
  }

  /**
   * Stores the events not seen before and returns them, once they are durable. Ids are
   * claimed at once, so the same id arriving twice at the same moment is admitted once.
   */
  async admit(events: Array<{ id: string; event: webhook.Event }>, now: Date): Promise<InboxEntry[]> {
    const fresh: InboxEntry[] = [];
    for (const { id, event } of events) {
      if (this.seenAt.has(id)) continue;
      this.seenAt.set(id, now.getTime());
      fresh.push({ id, event, receivedAt: now.getTime(), replied: false });
    }
    if (fresh.length === 0) return fresh;
    const records: Record[] = fresh.map((e) => ({ op: 'in', id: e.id, at: e.receivedAt, sealed: seal(this.key, JSON.stringify(e.event)) }));
    try {
      await this.log.appendMany(records);
    } catch (err) {
      // Not stored, so not acknowledged: let LINE redeliver it.
      fresh.forEach((e) => this.seenAt.delete(e.id));
      throw err;
    }
    fresh.forEach((e) => this.pendingById.set(e.id, e));
    this.lines += records.length;
    return fresh;
  }

  /**
   * Records, durably (flushed to the disk like the 'in' record), that a reply to this event
   * is about to be sent. Called just before the reply goes to LINE: after a crash, a replayed
   * entry carries `replied: true` and is not replied to a second time.
   */
  async replying(id: string, at: Date): Promise<void> {
    const entry = this.pendingById.get(id);
    if (!entry || entry.replied) return;
    // Set first, so a compaction queued meanwhile writes it into the new file too.
    entry.replied = true;
    this.lines += 1;
    try {
      await this.log.append({ op: 'replying', id, at: at.getTime() } satisfies Record, { sync: true });
    } catch (err) {
      entry.replied = false;
      throw err;
    }
  }

  /** Marks an event handled (whatever the outcome), so a restart does not handle it again. */
  async done(id: string, now: Date): Promise<void> {
    if (!this.pendingById.delete(id)) return;
    this.lines += 1;
    // Not flushed to the platter: losing it to a power cut only means the event is handled
    // again at the next start, when its reply token has long expired.
    await this.log.append({ op: 'done', id, at: now.getTime() } satisfies Record, { sync: false });
    if (this.lines > 2 * (this.pendingById.size + this.seenAt.size) + 2000) await this.compact(now);
  }

  /** Rewrites the file as the pending events plus the ids still worth remembering. */
  async compact(now: Date): Promise<void> {
    const cutoff = now.getTime() - REMEMBER_MS;
    for (const [id, at] of this.seenAt) if (at < cutoff && !this.pendingById.has(id)) this.seenAt.delete(id);
    const records: Record[] = [];
    for (const [id, at] of this.seenAt) {
      const entry = this.pendingById.get(id);
      records.push(entry ? inRecord(entry, seal(this.key, JSON.stringify(entry.event))) : { op: 'seen', id, at });
    }
    this.lines = records.length;
    await this.log.rewrite(records);
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

function inRecord(entry: InboxEntry, sealed: string): Record {
  return { op: 'in', id: entry.id, at: entry.receivedAt, sealed, ...(entry.replied ? { replied: true as const } : {}) };
}
