import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { SessionRepository } from '../console/session-repository.js';
import { SESSION_LIMITS, type Session } from '../console/sessions.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

interface Row {
  name: string | null;
  generation: number;
  created_at: Date;
  seen_at: Date;
}

const digest = (id: string) => createHash('sha256').update(id).digest('base64url');

/**
 * One tenant's console sessions in PostgreSQL (console_sessions), so a staff member logged in
 * through one process is known to all of them. The row holds the SHA-256 of the cookie value,
 * never the value; the CSRF token is an HMAC of the cookie value under a key of the tenant, so
 * it is not stored at all and a dump gives nothing to forge a form with.
 */
export class PostgresSessionStore implements SessionRepository {
  private readonly csrfKey: Buffer;

  constructor(
    private readonly scope: TenantScope,
    private readonly clock: () => Date,
  ) {
    this.csrfKey = Buffer.from(hkdfSync('sha256', scope.keys.people, Buffer.alloc(0), 'phonsai-bot:console-csrf', 32));
  }

  private toSession(id: string, r: Row): Session {
    const csrf = createHmac('sha256', this.csrfKey).update(id).digest('base64url');
    return {
      name: r.name,
      generation: r.generation,
      csrf,
      createdAt: r.created_at.getTime(),
      seenAt: r.seen_at.getTime(),
    };
  }

  create(name: string | null, generation = 0): Promise<{ id: string; session: Session }> {
    const now = this.clock();
    const id = randomBytes(32).toString('base64url');
    return inTenant(this.scope, async (c) => {
      const t = this.scope.tenantId;
      // Ended sessions go; visitors on the login page are kept to the limit, the oldest first out
      await c.query('DELETE FROM console_sessions WHERE tenant_id = $1 AND (seen_at < $2 OR created_at < $3)', [
        t,
        new Date(now.getTime() - SESSION_LIMITS.idleMs),
        new Date(now.getTime() - SESSION_LIMITS.maxAgeMs),
      ]);
      if (name === null)
        await c.query(
          `DELETE FROM console_sessions WHERE tenant_id = $1 AND id_hash IN (SELECT id_hash FROM console_sessions
             WHERE tenant_id = $1 AND name IS NULL ORDER BY created_at DESC, id_hash OFFSET $2)`,
          [t, SESSION_LIMITS.maxVisitors - 1],
        );
      const row: Row = { name, generation, created_at: now, seen_at: now };
      await c.query(
        'INSERT INTO console_sessions (tenant_id, id_hash, name, generation, created_at, seen_at) VALUES ($1, $2, $3, $4, $5, $5)',
        [t, digest(id), name, generation, now],
      );
      return { id, session: this.toSession(id, row) };
    });
  }

  /** The live session for a cookie value, its last use moved to now; an expired one is removed. */
  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id) return undefined;
    const now = this.clock();
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<Row>(
        `UPDATE console_sessions SET seen_at = $3 WHERE tenant_id = $1 AND id_hash = $2 AND seen_at >= $4 AND created_at >= $5
         RETURNING name, generation, created_at, seen_at`,
        [
          this.scope.tenantId,
          digest(id),
          now,
          new Date(now.getTime() - SESSION_LIMITS.idleMs),
          new Date(now.getTime() - SESSION_LIMITS.maxAgeMs),
        ],
      );
      if (rows[0]) return this.toSession(id, rows[0]);
      await c.query('DELETE FROM console_sessions WHERE tenant_id = $1 AND id_hash = $2', [
        this.scope.tenantId,
        digest(id),
      ]);
      return undefined;
    });
  }

  async destroy(id: string | undefined): Promise<void> {
    if (!id) return;
    await inTenant(this.scope, (c) =>
      c.query('DELETE FROM console_sessions WHERE tenant_id = $1 AND id_hash = $2', [this.scope.tenantId, digest(id)]),
    );
  }

  async destroyAccount(name: string): Promise<void> {
    await inTenant(this.scope, (c) =>
      c.query('DELETE FROM console_sessions WHERE tenant_id = $1 AND name = $2', [this.scope.tenantId, name]),
    );
  }
}
