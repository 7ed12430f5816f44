import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { PublicationSchema, type Publication } from '../publications/publication.js';
import { START_LEASE_MS, type PublicationStore } from '../publications/publication-store.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/**
 * One tenant's publications in PostgreSQL (publications), shared by every bot process. A
 * publication holds no personal data (the author is a staff name), so it is kept as JSON, as
 * the file store keeps it, read back through its schema; status and times are columns for the
 * schedule. `claimDue` takes due scheduled rows with FOR UPDATE SKIP LOCKED and a lease.
 */
export class PostgresPublicationStore implements PublicationStore {
  /** This process's name on its claims: host, pid and a random part. */
  readonly worker = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly scope: TenantScope,
    private readonly leaseMs = START_LEASE_MS,
  ) {}

  private async select(where: string, params: unknown[], order: string): Promise<Publication[]> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ record: unknown }>(`SELECT record FROM publications WHERE tenant_id = $1 ${where} ORDER BY ${order}`, [
        this.scope.tenantId,
        ...params,
      ]),
    );
    return rows.map((r) => PublicationSchema.parse(r.record));
  }

  async get(id: string): Promise<Publication | undefined> {
    return (await this.select('AND id = $2', [id], 'id'))[0];
  }

  async save(p: Publication): Promise<void> {
    const checked = PublicationSchema.parse(p);
    await inTenant(this.scope, (c) =>
      c.query(
        `INSERT INTO publications (tenant_id, id, status, publish_at, created_at, published_at, record)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (tenant_id, id) DO UPDATE SET status = $3, publish_at = $4, published_at = $6, record = $7,
           claimed_by = CASE WHEN $3 = 'scheduled' THEN publications.claimed_by END,
           claimed_until = CASE WHEN $3 = 'scheduled' THEN publications.claimed_until END
         WHERE publications.status <> 'cancelled' OR $3 = 'cancelled'`,
        [
          this.scope.tenantId,
          checked.id,
          checked.status,
          checked.publishAt,
          checked.createdAt,
          checked.publishedAt,
          JSON.stringify(checked),
        ],
      ),
    );
  }

  list(): Promise<Publication[]> {
    return this.select('', [], 'created_at DESC, id DESC');
  }

  due(now: Date): Promise<Publication[]> {
    return this.select("AND status = 'scheduled' AND publish_at <= $2", [now], 'publish_at, id');
  }

  async claimDue(now: Date): Promise<Publication[]> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ record: unknown }>(
        `UPDATE publications SET claimed_by = $2, claimed_until = $4
         WHERE tenant_id = $1 AND id IN (
           SELECT id FROM publications WHERE tenant_id = $1 AND status = 'scheduled' AND publish_at <= $3
             AND (claimed_until IS NULL OR claimed_until <= $3)
           FOR UPDATE SKIP LOCKED)
         RETURNING record`,
        [this.scope.tenantId, this.worker, now, new Date(now.getTime() + this.leaseMs)],
      ),
    );
    return rows.map((r) => PublicationSchema.parse(r.record)).sort((a, b) => a.publishAt.localeCompare(b.publishAt));
  }

  async nextDue(): Promise<Date | null> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ at: Date | null }>(
        `SELECT min(publish_at) AS at FROM publications WHERE tenant_id = $1 AND status = 'scheduled'`,
        [this.scope.tenantId],
      ),
    );
    return rows[0]?.at ?? null;
  }

  published(): Promise<Publication[]> {
    return this.select("AND published_at IS NOT NULL AND status <> 'cancelled'", [], 'published_at DESC, id DESC');
  }

  async countPublished(from: Date, to: Date): Promise<number> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ n: string }>(
        `SELECT count(*) AS n FROM publications WHERE tenant_id = $1 AND published_at >= $2 AND published_at < $3`,
        [this.scope.tenantId, from, to],
      ),
    );
    return Number(rows[0]!.n);
  }

  async close(): Promise<void> {}
}
