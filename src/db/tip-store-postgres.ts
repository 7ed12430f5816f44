import { randomInt } from 'node:crypto';
import { fiscalYearOf } from '../thai/fiscal-year.js';
import { TipRecordSchema, type TipRecord } from '../tips/tip-model.js';
import { TipSealer } from '../tips/tip-sealing.js';
import { TIP_NUMBER, tipNumber } from '../tips/tip-number.js';
import type { TipStore } from '../tips/tip-store.js';
import type { PoolClient } from './pool.js';
import { inTenant, iso, type TenantScope } from './tenant-scope.js';
import { SELECT_TIPS, tipParams, UPSERT_TIP, type TipRow } from './tip-rows.js';

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * The tips of one tenant in PostgreSQL (tables tips, tip_status_history, tip_number_counters).
 * Every call is its own transaction inside the tenant, so any number of processes share the
 * tips: numbers come from one counter row per fiscal year, receipts are unique per tenant.
 * Sealed parts arrive sealed (the callers use sealText/sealContent) and are stored as they are.
 */
export class PostgresTipStore extends TipSealer implements TipStore {
  constructor(private readonly scope: TenantScope) {
    super(scope.keys.tips);
  }

  nextNumber(receivedAt: Date): Promise<string> {
    const fy = fiscalYearOf(receivedAt);
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<{ last: number }>(
        `INSERT INTO tip_number_counters (tenant_id, fiscal_year, last) VALUES ($1, $2, 1)
         ON CONFLICT (tenant_id, fiscal_year) DO UPDATE SET last = tip_number_counters.last + 1 RETURNING last`,
        [this.scope.tenantId, fy],
      );
      return tipNumber(fy, rows[0]!.last);
    });
  }

  async newId(): Promise<string> {
    for (;;) {
      const id = Array.from({ length: 12 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]).join('');
      if (!(await this.get(id))) return id;
    }
  }

  async get(id: string): Promise<TipRecord | undefined> {
    return (await this.select('AND t.id = $2', [id]))[0];
  }

  idForReceipt(hash: string): Promise<string | undefined> {
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<{ id: string }>('SELECT id FROM tips WHERE tenant_id = $1 AND receipt_hash = $2', [
        this.scope.tenantId,
        hash,
      ]);
      return rows[0]?.id;
    });
  }

  all(): Promise<TipRecord[]> {
    return this.select('', []);
  }

  async idsWhere(pred: (tip: Readonly<TipRecord>) => boolean): Promise<string[]> {
    return (await this.all()).filter(pred).map((t) => t.id);
  }

  /** Writes the record and its status history (history only grows: earlier entries are kept as they are). */
  async save(tip: TipRecord): Promise<void> {
    const valid = TipRecordSchema.parse(tip);
    await inTenant(this.scope, (c) => write(c, this.scope.tenantId, valid));
  }

  /** Reads and writes under the tip's row lock: another process's change to it waits, then reads this one's. */
  update(id: string, change: (tip: TipRecord | undefined) => TipRecord | undefined): Promise<TipRecord | undefined> {
    const params = [this.scope.tenantId, id];
    return inTenant(this.scope, async (c) => {
      await c.query('SELECT 1 FROM tips WHERE tenant_id = $1 AND id = $2 FOR UPDATE', params);
      const { rows } = await c.query<TipRow>(`${SELECT_TIPS} WHERE t.tenant_id = $1 AND t.id = $2`, params);
      const next = change(rows[0] && toRecord(rows[0]));
      if (next) await write(c, this.scope.tenantId, TipRecordSchema.parse(next));
      return next;
    });
  }

  private select(where: string, params: unknown[]): Promise<TipRecord[]> {
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<TipRow>(
        `${SELECT_TIPS} WHERE t.tenant_id = $1 ${where} ORDER BY t.received_at, t.id`,
        [this.scope.tenantId, ...params],
      );
      return rows.map(toRecord);
    });
  }

  /**
   * Content cleared by `save` (retention) leaves its old row version behind until a vacuum:
   * run one now, as the tables' owner (it reads nothing out and touches no other row).
   */
  async compact(): Promise<void> {
    await this.scope.pool.query('VACUUM tips');
  }

  async close(): Promise<void> {}
}

async function write(c: PoolClient, tenantId: string, tip: TipRecord): Promise<void> {
  await c.query(UPSERT_TIP, tipParams(tenantId, tip));
  await saveHistory(c, tenantId, tip);
  if (tip.number) await noteNumber(c, tenantId, tip.number);
}

async function saveHistory(c: PoolClient, tenantId: string, tip: TipRecord): Promise<void> {
  await c.query(
    `INSERT INTO tip_status_history (tenant_id, tip_id, seq, at, from_status, to_status, by)
     SELECT $1, $2, h.seq, (h.e->>'at')::timestamptz, h.e->>'from', h.e->>'to', h.e->>'by'
     FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS h(e, seq)
     ON CONFLICT (tenant_id, tip_id, seq) DO NOTHING`,
    [tenantId, tip.id, JSON.stringify(tip.history)],
  );
}

/** A tip saved with a number (copied from a town's files) moves its year's counter past it, so none is given again. */
async function noteNumber(c: PoolClient, tenantId: string, number: string): Promise<void> {
  const m = TIP_NUMBER.exec(number);
  if (!m) return;
  await c.query(
    `INSERT INTO tip_number_counters (tenant_id, fiscal_year, last) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, fiscal_year) DO UPDATE SET last = GREATEST(tip_number_counters.last, EXCLUDED.last)`,
    [tenantId, Number(m[1]), Number(m[2])],
  );
}

function toRecord(r: TipRow): TipRecord {
  return TipRecordSchema.parse({
    v: 1,
    id: r.id,
    ...(r.number ? { number: r.number } : {}),
    receiptHash: r.receipt_hash,
    channel: r.channel,
    identity: r.identity,
    status: r.status,
    receivedAt: iso(r.received_at),
    updatedAt: iso(r.updated_at),
    acknowledgedAt: iso(r.acknowledged_at),
    feedbackAt: iso(r.feedback_at),
    closedAt: iso(r.closed_at),
    purgedAt: iso(r.purged_at),
    content: r.content_sealed,
    ...(r.reporter_sealed ? { reporter: r.reporter_sealed } : {}),
    attachments: r.attachments,
    attachmentCount: r.attachment_count,
    publicNotes: r.public_notes,
    internalNotes: r.internal_notes,
    outcome: r.outcome_sealed,
    history: r.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  });
}
