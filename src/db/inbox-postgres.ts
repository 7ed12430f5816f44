import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { openSealedText, seal } from '../crypto/sealed.js';
import { parseEvent, toSdkEvent, type LineEvent } from '../line/event-schema.js';
import type { InboxEntry } from '../line/inbox-records.js';
import type { InboxStore } from '../line/inbox-store.js';
import type { Logger } from '../logger.js';
import type { PoolClient } from './pool.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/** How long an event stays with the process that took it before another may take it over. */
export const CLAIM_MS = 5 * 60_000;
/** How long a handled event's id is remembered to recognise a redelivery (as the file inbox). */
const REMEMBER_MS = 24 * 60 * 60_000;

/** What marking an event handled sets ($3: when). */
const DONE = 'done_at = $3, payload_sealed = NULL, claimed_by = NULL, claimed_until = NULL';

interface Row {
  event_id: string;
  received_at: Date;
  payload_sealed: string;
  replied: boolean;
}

/**
 * One tenant's webhook inbox in PostgreSQL (inbox_events), shared by every bot process.
 * `admit` inserts with ON CONFLICT DO NOTHING, so of several processes given the same event
 * (a redelivery, a retry to another process) exactly one gets it back to handle, and only
 * after its row is committed. That process holds a claim for CLAIM_MS; `pending` takes the
 * events whose claim ran out, with FOR UPDATE SKIP LOCKED, so two processes starting after a
 * crash share them out instead of both handling them.
 */
export class PostgresInbox implements InboxStore {
  /** This process's name on its claims: host, pid and a random part (pids repeat across containers). */
  readonly worker = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly scope: TenantScope,
    private readonly clock: () => Date,
    private readonly logger?: Logger,
  ) {}

  async admit(events: Array<{ id: string; event: LineEvent }>, now: Date): Promise<InboxEntry[]> {
    const unique = [...new Map(events.map((e) => [e.id, e])).values()];
    if (unique.length === 0) return [];
    const sealed = unique.map((e) => seal(this.scope.keys.inbox, JSON.stringify(e.event)));
    const inserted = await inTenant(this.scope, async (c) => {
      const { rows } = await c.query<{ event_id: string }>(
        `INSERT INTO inbox_events (tenant_id, event_id, received_at, payload_sealed, claimed_by, claimed_until)
         SELECT $1, e.id, $2, e.sealed, $3, $4 FROM unnest($5::text[], $6::text[]) AS e(id, sealed)
         ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING event_id`,
        [this.scope.tenantId, now, this.worker, new Date(now.getTime() + CLAIM_MS), unique.map((e) => e.id), sealed],
      );
      return new Set(rows.map((r) => r.event_id));
    });
    return unique
      .filter((e) => inserted.has(e.id))
      .map((e) => ({ id: e.id, event: toSdkEvent(e.event), receivedAt: now.getTime(), replied: false }));
  }

  /** Claims every waiting event whose claim ran out (or that has none) for this process, oldest first. */
  pending(): Promise<InboxEntry[]> {
    const now = this.clock();
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<Row>(
        `UPDATE inbox_events SET claimed_by = $2, claimed_until = $4
         WHERE tenant_id = $1 AND event_id IN (
           SELECT event_id FROM inbox_events
           WHERE tenant_id = $1 AND done_at IS NULL AND (claimed_until IS NULL OR claimed_until <= $3)
           ORDER BY received_at, event_id FOR UPDATE SKIP LOCKED)
         RETURNING event_id, received_at, payload_sealed, replied`,
        [this.scope.tenantId, this.worker, now, new Date(now.getTime() + CLAIM_MS)],
      );
      rows.sort((a, b) => a.received_at.getTime() - b.received_at.getTime() || a.event_id.localeCompare(b.event_id));
      return this.entries(c, rows);
    });
  }

  /**
   * The stored events; one that fails today's schema (stored by an older version) is dropped:
   * logged without its content and marked handled in the same transaction.
   */
  private async entries(c: PoolClient, rows: Row[]): Promise<InboxEntry[]> {
    const entries: InboxEntry[] = [];
    for (const r of rows) {
      const parsed = parseEvent(JSON.parse(openSealedText(this.scope.keys.inbox, r.payload_sealed)));
      if (parsed.ok) {
        entries.push({
          id: r.event_id,
          event: toSdkEvent(parsed.event),
          receivedAt: r.received_at.getTime(),
          replied: r.replied,
        });
        continue;
      }
      this.logger?.warn('stored event dropped: not a valid event', {
        eventId: r.event_id,
        type: parsed.type,
        problem: parsed.problem,
      });
      await c.query(`UPDATE inbox_events SET ${DONE} WHERE tenant_id = $1 AND event_id = $2`, [
        this.scope.tenantId,
        r.event_id,
        this.clock(),
      ]);
    }
    return entries;
  }

  /** Events waiting to be handled, oldest first, without claiming them (for checks and copies). */
  waiting(): Promise<InboxEntry[]> {
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<Row>(
        `SELECT event_id, received_at, payload_sealed, replied FROM inbox_events
         WHERE tenant_id = $1 AND done_at IS NULL ORDER BY received_at, event_id`,
        [this.scope.tenantId],
      );
      return this.entries(c, rows);
    });
  }

  /**
   * Stores events a town's file inbox acknowledged and did not handle, with their time and
   * reply mark, unclaimed (the first process to look takes them); ids already here are skipped.
   */
  async copyIn(entries: InboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const { rowCount } = await inTenant(this.scope, (c) =>
      c.query(
        `INSERT INTO inbox_events (tenant_id, event_id, received_at, payload_sealed, replied)
         SELECT $1, e.id, to_timestamp(e.at / 1000.0), e.sealed, e.replied
         FROM unnest($2::text[], $3::float8[], $4::text[], $5::boolean[]) AS e(id, at, sealed, replied)
         ON CONFLICT (tenant_id, event_id) DO NOTHING`,
        [
          this.scope.tenantId,
          entries.map((e) => e.id),
          entries.map((e) => e.receivedAt),
          entries.map((e) => seal(this.scope.keys.inbox, JSON.stringify(e.event))),
          entries.map((e) => e.replied),
        ],
      ),
    );
    return rowCount ?? 0;
  }

  /** A committed row: durable whatever `opts` says. */
  async replying(id: string): Promise<void> {
    await this.mark(id, 'replied = true', []);
  }

  /** Handled: the sealed payload goes at once, the id stays a day for redeliveries. */
  async done(id: string, now: Date): Promise<void> {
    await this.mark(id, DONE, [now]);
  }

  private mark(id: string, set: string, params: unknown[]) {
    return inTenant(this.scope, (c) =>
      c.query(`UPDATE inbox_events SET ${set} WHERE tenant_id = $1 AND event_id = $2 AND done_at IS NULL`, [
        this.scope.tenantId,
        id,
        ...params,
      ]),
    );
  }

  async compact(now: Date): Promise<void> {
    await inTenant(this.scope, (c) =>
      c.query('DELETE FROM inbox_events WHERE tenant_id = $1 AND done_at <= $2', [
        this.scope.tenantId,
        new Date(now.getTime() - REMEMBER_MS),
      ]),
    );
  }

  async close(): Promise<void> {}
}
