import type { AuditCheck } from '../staff/audit-file.js';
import { headMac, nextEntry, verifyChain, type AuditEntry } from '../staff/audit-log.js';
import type { AuditTrail } from '../staff/audit-trail.js';
import type { PoolClient } from './pool.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

const COLUMNS =
  'seq, to_char(at AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\') AS at, actor, action, target, details, prev, hash';

interface Row extends Omit<AuditEntry, 'target' | 'details'> {
  target: string | null;
  details: AuditEntry['details'] | null;
}

const toEntry = ({ target, details, ...rest }: Row): AuditEntry => ({
  ...rest,
  ...(target ? { target } : {}),
  ...(details ? { details } : {}),
});

/**
 * One tenant's audit trail in PostgreSQL (audit_entries, audit_heads). Any number of processes
 * append: each append takes the tenant's advisory lock for its transaction, reads the newest
 * entry, chains the new one to it and moves the head, so the chain stays one line.
 */
export class PostgresAuditTrail implements AuditTrail {
  constructor(private readonly scope: TenantScope) {}

  append(
    at: Date,
    actor: string,
    action: string,
    target?: string,
    details?: AuditEntry['details'],
  ): Promise<AuditEntry> {
    return inTenant(this.scope, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))", [this.scope.tenantId]);
      const last = (await this.select(c, 'ORDER BY seq DESC LIMIT 1'))[0];
      const entry = nextEntry(this.scope.keys.audit, last, at, actor, action, target, details);
      await this.store(c, entry);
      return entry;
    });
  }

  private async store(c: PoolClient, e: AuditEntry): Promise<void> {
    const tenant = this.scope.tenantId;
    await c.query(
      'INSERT INTO audit_entries (tenant_id, seq, at, actor, action, target, details, prev, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [
        tenant,
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.target ?? null,
        e.details ? JSON.stringify(e.details) : null,
        e.prev,
        e.hash,
      ],
    );
    await c.query(
      `INSERT INTO audit_heads (tenant_id, seq, hash, mac) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, mac = EXCLUDED.mac`,
      [tenant, e.seq, e.hash, headMac(this.scope.keys.audit, e.seq, e.hash)],
    );
  }

  /**
   * Copies entries of a town's file trail as they are (same MACs: the tenant has the town's
   * key), after those already here. Entries already copied are skipped; one that does not
   * follow the stored chain stops the copy before anything is written.
   */
  copyIn(entries: AuditEntry[]): Promise<number> {
    return inTenant(this.scope, async (c) => {
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('audit:' || $1, 0))", [this.scope.tenantId]);
      const last = (await this.select(c, 'ORDER BY seq DESC LIMIT 1'))[0];
      const fresh = entries.slice(last?.seq ?? 0);
      if (last && entries[last.seq - 1]?.hash !== last.hash)
        throw new Error(`audit entry ${last.seq} in the database is not the town's entry ${last.seq}`);
      for (const e of fresh) await this.store(c, e);
      return fresh.length;
    });
  }

  list(filter: { target?: string } = {}): Promise<AuditEntry[]> {
    return inTenant(this.scope, (c) =>
      filter.target ? this.select(c, 'AND target = $2 ORDER BY seq', [filter.target]) : this.select(c, 'ORDER BY seq'),
    );
  }

  /** The trail as stored, checked against the key and the signed head (what `audit:verify` does for files). */
  verify(): Promise<AuditCheck> {
    return inTenant(this.scope, async (c) => {
      const entries = await this.select(c, 'ORDER BY seq');
      const { rows } = await c.query('SELECT seq, hash, mac FROM audit_heads WHERE tenant_id = $1', [
        this.scope.tenantId,
      ]);
      return verifyChain(this.scope.keys.audit, entries, rows[0] ?? null);
    });
  }

  private async select(c: PoolClient, rest: string, params: unknown[] = []): Promise<AuditEntry[]> {
    const { rows } = await c.query<Row>(`SELECT ${COLUMNS} FROM audit_entries WHERE tenant_id = $1 ${rest}`, [
      this.scope.tenantId,
      ...params,
    ]);
    return rows.map(toEntry);
  }

  async close(): Promise<void> {}
}
