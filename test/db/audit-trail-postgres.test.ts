import { describe, expect, it } from 'vitest';
import { PostgresAuditTrail } from '../../src/db/audit-trail-postgres.js';
import { asAdmin, hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const at = new Date('2026-03-01T02:00:00.000Z');

describe.skipIf(!hasPostgres)('the audit chain on PostgreSQL: processes, tampering, tenants', () => {
  const db = useMigratedDatabase();
  const asOwner = (sql: string, params: unknown[]) => asAdmin((c) => c.query(sql, params), db().name);

  it('when two processes append at the same time, then the chain is one line with no gap and verifies', async () => {
    const scope = await db().newTenant();
    const trails = [new PostgresAuditTrail(scope), new PostgresAuditTrail({ ...scope, pool: db().secondPool() })];
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => trails[i % 2]!.append(at, `staff-${i % 2}`, 'tip.view', `tip:${i}`)),
    );
    const entries = await trails[0]!.list();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(await trails[1]!.verify()).toEqual({ ok: true, count: 60 });
  });

  it('when someone with the database changes, removes or adds entries, then verify names where the chain breaks', async () => {
    const scope = await db().newTenant();
    const trail = new PostgresAuditTrail(scope);
    for (const action of ['login', 'tip.view', 'tip.status', 'logout']) await trail.append(at, 'somchai', action);
    const t = scope.tenantId;

    await asOwner("UPDATE audit_entries SET actor = 'malee' WHERE tenant_id = $1 AND seq = 2", [t]);
    expect(await trail.verify()).toMatchObject({ ok: false, at: 2, reason: 'its content was changed' });
    await asOwner("UPDATE audit_entries SET actor = 'somchai' WHERE tenant_id = $1 AND seq = 2", [t]);
    expect(await trail.verify()).toEqual({ ok: true, count: 4 });

    await asOwner('DELETE FROM audit_entries WHERE tenant_id = $1 AND seq = 4', [t]);
    expect(await trail.verify()).toMatchObject({ ok: false, at: 4 });
    await asOwner('DELETE FROM audit_heads WHERE tenant_id = $1', [t]);
    expect(await trail.verify()).toMatchObject({ ok: false, reason: 'the head record is missing or was changed' });
  });

  it("when another tenant's key checks a chain, then it does not verify: each town's chain is under its own key", async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    await new PostgresAuditTrail(a).append(at, 'somchai', 'login');
    expect(await new PostgresAuditTrail({ ...a, keys: b.keys }).verify()).toMatchObject({ ok: false, at: 1 });
  });

  it("when tenant A's code forgets its tenant filter, then the database shows and changes none of B's entries", async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    for (const scope of [a, b]) await new PostgresAuditTrail(scope).append(at, 'somchai', 'login', 'account:somchai');
    for (const table of ['audit_entries', 'audit_heads']) await expectTenantWall(db(), table, a.tenantId, b.tenantId);
    expect(await new PostgresAuditTrail(b).verify()).toEqual({ ok: true, count: 1 });
  });
});
