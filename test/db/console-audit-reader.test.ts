import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditReader } from '../../src/console/console-wiring.js';
import { PostgresAuditTrail } from '../../src/db/audit-trail-postgres.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { asAdmin, hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

const AT = new Date('2026-03-01T02:00:00Z');

describe("the console's audit page reads the trail where it is kept", () => {
  it('when the trail is the file, then its entries and check come from the file on disk', async () => {
    const file = path.join(await tempDir(), 'audit.jsonl');
    const key = Buffer.alloc(32, 4);
    const log = await AuditLog.open(file, key);
    await log.append(AT, 'somsri', 'login');
    const read = auditReader({ audit: log, auditFile: file, auditKey: key });
    expect(await read()).toMatchObject({ check: { ok: true, count: 1 }, entries: [{ actor: 'somsri' }] });
    await log.close();
  });

  describe.skipIf(!hasPostgres)('on PostgreSQL', () => {
    const db = useMigratedDatabase();

    it("when the trail is a tenant's rows, then they are listed and checked there, and an edited row is named", async () => {
      const scope = await db().newTenant();
      const trail = new PostgresAuditTrail(scope);
      for (const actor of ['somsri', 'somchai', 'malee']) await trail.append(AT, actor, 'login');
      // No file at this path: were it read, the page would show an empty trail
      const read = auditReader({ audit: trail, auditFile: '/nonexistent/audit.jsonl', auditKey: scope.keys.audit });
      const before = await read();
      expect(before.check).toEqual({ ok: true, count: 3 });
      expect(before.entries.map((e) => e.actor)).toEqual(['somsri', 'somchai', 'malee']);
      await asAdmin(
        (c) => c.query("UPDATE audit_entries SET actor = 'niran' WHERE tenant_id = $1 AND seq = 2", [scope.tenantId]),
        db().name,
      );
      const after = await read();
      expect(after.check).toMatchObject({ ok: false, at: 2 });
      expect([...after.suspects]).toEqual([2]);
    });
  });
});
