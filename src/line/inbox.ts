import { openSealedText, seal } from '../crypto/sealed.js';
import type { Logger } from '../logger.js';
import { AppendLog } from '../storage/append-log.js';
import { parseEvent, toSdkEvent, type LineEvent } from './event-schema.js';
import { InboxGrowth, RECORD_BYTES } from './inbox-growth.js';
import { inRecord, type Held, type InboxEntry, type InboxRecord } from './inbox-records.js';
import type { InboxStore } from './inbox-store.js';
import { RememberedIds } from './remembered-ids.js';

export type { InboxEntry };

export interface InboxOptions {
  /** Where a failed background compaction is reported. */
  logger?: Logger;
  /** Handled ids remembered for redelivery at most (default MAX_REMEMBERED). */
  maxRemembered?: number;
  /** The file is compacted once this much was appended since the last time, or as much as it then held. */
  compactAfterBytes?: number;
}

/** How long a handled event's id is remembered to recognise a redelivery. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;
/** About 4 MB of ids in memory and 3.5 MB on disk at most, whatever the traffic. */
const MAX_REMEMBERED = 50_000;
const COMPACT_AFTER_BYTES = 1024 * 1024;

/**
 * Webhook events between the 200 and their handling. Each is sealed (encrypted) and on disk
 * before the webhook answers, so an acknowledged event survives a crash and is handled at
 * the next start. An id counts as seen only once it is stored: a failed store leaves LINE's
 * redelivery free to store it. Handled ids are remembered for a day (at most
 * `maxRemembered`), so a redelivery is handled once. The file is compacted in the background
 * while the bot runs, so it stays about the size of what it must remember.
 */
export class Inbox implements InboxStore {
  private readonly held = new Map<string, Held>();
  /** Events whose 'in' record is being written, with the write's promise. */
  private readonly storing = new Map<string, Held & { stored: Promise<void> }>();
  private readonly remembered: RememberedIds;
  private readonly growth: InboxGrowth;
  private compactions: Promise<void> = Promise.resolve();
  private compacting = 0;

  private constructor(
    private readonly log: AppendLog,
    private readonly key: Buffer,
    private readonly opts: InboxOptions,
  ) {
    this.remembered = new RememberedIds(opts.maxRemembered ?? MAX_REMEMBERED, REMEMBER_MS);
    this.growth = new InboxGrowth(opts.compactAfterBytes ?? COMPACT_AFTER_BYTES);
  }

  static async open(file: string, key: Buffer, now: Date, opts: InboxOptions = {}): Promise<Inbox> {
    const { log, records } = await AppendLog.open(file);
    const inbox = new Inbox(log, key, opts);
    try {
      inbox.load(records as InboxRecord[]);
    } catch (err) {
      // Sealed under another key, or damaged: stop the start without leaving the file open.
      await log.close();
      throw new Error(`${file}: cannot be read with this TIP_ENCRYPTION_KEY (${(err as Error).message})`);
    }
    await inbox.compact(now);
    return inbox;
  }

  private load(records: InboxRecord[]): void {
    for (const r of records) {
      if (r.op === 'in') this.loadEvent(r);
      else if (r.op === 'replying') {
        const held = this.held.get(r.id);
        if (held) held.entry.replied = true;
      } else {
        this.release(r.id);
        this.remembered.add(r.id, r.at);
      }
    }
  }

  /** Events stored by an older version were checked less: one that fails the schema now is dropped. */
  private loadEvent(r: Extract<InboxRecord, { op: 'in' }>): void {
    const parsed = parseEvent(JSON.parse(openSealedText(this.key, r.sealed)));
    if (!parsed.ok) {
      this.opts.logger?.warn('stored event dropped: not a valid event', {
        eventId: r.id,
        type: parsed.type,
        problem: parsed.problem,
      });
      this.remembered.add(r.id, r.at);
      return;
    }
    this.hold({
      entry: { id: r.id, event: toSdkEvent(parsed.event), receivedAt: r.at, replied: r.replied === true },
      sealed: r.sealed,
    });
  }

  /** Events acknowledged earlier and not yet handled (after a crash), oldest first. */
  pending(): InboxEntry[] {
    return [...this.held.values()].map((h) => h.entry).sort((a, b) => a.receivedAt - b.receivedAt);
  }

  /** Handled ids remembered for redelivery now. */
  get rememberedCount(): number {
    return this.remembered.size;
  }

  /**
   * Stores the events not seen before and returns them, once they are durable. An id being
   * stored by another request at the same moment is not stored twice: this call waits for that
   * write and fails with it, so each request is answered 200 only once its events are stored.
   */
  async admit(events: Array<{ id: string; event: LineEvent }>, now: Date): Promise<InboxEntry[]> {
    const fresh: Held[] = [];
    const elsewhere: Array<Promise<void>> = [];
    const ids = new Set<string>();
    for (const { id, event } of events) {
      if (ids.has(id) || this.held.has(id) || this.remembered.has(id)) continue;
      ids.add(id);
      const inFlight = this.storing.get(id);
      if (inFlight) elsewhere.push(inFlight.stored);
      else
        fresh.push({
          entry: { id, event: toSdkEvent(event), receivedAt: now.getTime(), replied: false },
          sealed: seal(this.key, JSON.stringify(event)),
        });
    }
    if (fresh.length > 0) await this.store(fresh, now);
    await Promise.all(elsewhere);
    return fresh.map((h) => h.entry);
  }

  private async store(fresh: Held[], now: Date): Promise<void> {
    const stored = this.log.appendMany(fresh.map(inRecord));
    fresh.forEach((h) => this.storing.set(h.entry.id, { ...h, stored }));
    try {
      await stored;
    } finally {
      fresh.forEach((h) => this.storing.delete(h.entry.id));
    }
    // Stored: from here on the ids are seen.
    fresh.forEach((h) => this.hold(h));
    this.grew(fresh.length * RECORD_BYTES, now);
  }

  /**
   * Records that this event was handled and a reply to it is about to be sent: after a crash,
   * a replayed entry carries `replied: true` and is neither handled nor replied to again.
   *
   * By default the mark is written, not flushed: it resolves in microseconds, once the
   * operating system has it, which a killed process cannot lose. Every millisecond between
   * the mark and the reply leaving is a resident left unanswered if the process dies then.
   * A power cut can lose the mark, and the event is then handled again after the reboot;
   * its reply token is single-use (and over 50 s old by then), so LINE refuses a second
   * reply. A reply that would be pushed when its token is gone (`durable`) is marked with
   * an fdatasync: a lost mark would push it a second time.
   */
  async replying(id: string, at: Date, opts: { durable?: boolean } = {}): Promise<void> {
    const held = this.held.get(id);
    if (!held || held.entry.replied) return;
    // Set first, so a compaction started meanwhile writes it into the new file too.
    held.entry.replied = true;
    try {
      await this.log.append({ op: 'replying', id, at: at.getTime() } satisfies InboxRecord, {
        sync: opts.durable === true,
      });
    } catch (err) {
      held.entry.replied = false;
      throw err;
    }
    this.grew(RECORD_BYTES, at);
  }

  /** Marks an event handled (whatever the outcome), so a restart does not handle it again. */
  async done(id: string, now: Date): Promise<void> {
    if (!this.release(id)) return;
    this.remembered.add(id, now.getTime());
    // Not flushed to the platter: losing it to a power cut only means the event is handled
    // again at the next start, when its reply token has long expired.
    await this.log.append({ op: 'done', id, at: now.getTime() } satisfies InboxRecord, { sync: false });
    this.grew(RECORD_BYTES, now);
  }

  private hold(held: Held): void {
    this.held.set(held.entry.id, held);
    this.growth.grew(held.sealed.length, held.sealed.length);
  }

  private release(id: string): boolean {
    const held = this.held.get(id);
    if (!held) return false;
    this.held.delete(id);
    this.growth.released(held.sealed.length);
    return true;
  }

  private grew(bytes: number, now: Date): void {
    this.growth.grew(bytes);
    this.compactIfDue(now);
  }

  /**
   * Starts a background compaction when the file is due for one (see InboxGrowth), and looks
   * again when it is done, as events went on meanwhile.
   */
  private compactIfDue(now: Date): void {
    if (this.compacting > 0 || !this.growth.due()) return;
    this.compact(now).then(
      () => this.compactIfDue(now),
      (err: NodeJS.ErrnoException) => {
        // The old file stays in use; the next attempt comes after as many bytes again.
        this.opts.logger?.error('inbox compaction failed', {
          where: 'Inbox.compact',
          error: err.name,
          code: err.code ?? null,
        });
      },
    );
  }

  /**
   * Rewrites the file as the events not yet handled plus the ids still worth remembering,
   * after any compaction under way (so a caller that needs old events gone, as forgetting a
   * user does, gets a snapshot taken after its call). Appends go on meanwhile.
   */
  compact(now: Date): Promise<void> {
    this.compacting += 1;
    const run = this.compactions.then(() => this.rewrite(now));
    this.compactions = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.compacting -= 1;
    });
  }

  private async rewrite(now: Date): Promise<void> {
    this.remembered.expire(now.getTime());
    const records: InboxRecord[] = [];
    let bytes = 0;
    for (const [id, at] of this.remembered.entries()) records.push({ op: 'seen', id, at });
    // Events being stored are in the snapshot too: their 'in' record was queued before this call.
    for (const held of [...this.held.values(), ...this.storing.values()]) {
      records.push(inRecord(held));
      bytes += held.sealed.length;
    }
    this.growth.started();
    try {
      await this.log.rewriteInBackground(records);
    } catch (err) {
      this.growth.failed();
      throw err;
    }
    this.growth.finished(bytes + records.length * RECORD_BYTES, bytes);
  }

  async close(): Promise<void> {
    await this.compactions;
    await this.log.close();
  }
}
