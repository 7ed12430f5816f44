import { EVIDENCE_ID, newEvidenceId, openEvidence, sealEvidence, type EvidenceStore } from '../tips/evidence-store.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

const checked = (id: string): string => {
  if (!EVIDENCE_ID.test(id)) throw new RangeError('not an evidence file id');
  return id;
};

/**
 * One tenant's evidence images in PostgreSQL (tip_attachments), so every bot process reads
 * what another received. The bytes are sealed by the bot with the tenant's tips key (the file
 * backend's layout) before they are written: the database and its dumps hold no image.
 */
export class PostgresEvidence implements EvidenceStore {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async put(bytes: Buffer): Promise<string> {
    const id = newEvidenceId();
    await inTenant(this.scope, (c) =>
      c.query('INSERT INTO tip_attachments (tenant_id, id, created_at, sealed) VALUES ($1, $2, $3, $4)', [
        this.scope.tenantId,
        id,
        this.clock(),
        sealEvidence(this.scope.keys.tips, bytes),
      ]),
    );
    return id;
  }

  async read(id: string): Promise<Buffer> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ sealed: Buffer }>('SELECT sealed FROM tip_attachments WHERE tenant_id = $1 AND id = $2', [
        this.scope.tenantId,
        checked(id),
      ]),
    );
    if (!rows[0]) throw Object.assign(new Error('no such evidence file'), { code: 'ENOENT' });
    return openEvidence(this.scope.keys.tips, rows[0].sealed);
  }

  async delete(id: string): Promise<void> {
    await inTenant(this.scope, (c) =>
      c.query('DELETE FROM tip_attachments WHERE tenant_id = $1 AND id = $2', [this.scope.tenantId, checked(id)]),
    );
  }

  /** Writes an image sealed elsewhere under the same key (a town's file, moved in); false when its id is already there. */
  async copyIn(id: string, sealed: Buffer, createdAt: Date): Promise<boolean> {
    const { rowCount } = await inTenant(this.scope, (c) =>
      c.query(
        'INSERT INTO tip_attachments (tenant_id, id, created_at, sealed) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [this.scope.tenantId, checked(id), createdAt, sealed],
      ),
    );
    return (rowCount ?? 0) > 0;
  }

  /** Each image's id and the SHA-256 of its sealed bytes, by id (what a move is checked on). */
  async digests(): Promise<Array<[id: string, sha256: string]>> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ id: string; digest: string }>(
        'SELECT id, encode(sha256(sealed), \'hex\') AS digest FROM tip_attachments WHERE tenant_id = $1 ORDER BY id COLLATE "C"',
        [this.scope.tenantId],
      ),
    );
    return rows.map((r) => [r.id, r.digest]);
  }

  async sweep(keep: ReadonlySet<string>, before: Date): Promise<number> {
    const { rowCount } = await inTenant(this.scope, (c) =>
      c.query('DELETE FROM tip_attachments WHERE tenant_id = $1 AND created_at < $2 AND NOT (id = ANY($3))', [
        this.scope.tenantId,
        before,
        [...keep],
      ]),
    );
    return rowCount ?? 0;
  }
}
