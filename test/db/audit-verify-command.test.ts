import { describe, expect, it } from 'vitest';
import { main as verify } from '../../src/cli/audit-verify.js';
import { PostgresAuditTrail } from '../../src/db/audit-trail-postgres.js';
import { asAdmin, hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The service key migratedDatabase() seals tenants under (test/helpers/postgres-tenant.ts). */
const SERVICE_KEY = Buffer.alloc(32, 9).toString('base64');
const AT = new Date('2026-03-01T02:00:00Z');

describe.skipIf(!hasPostgres)("npm run audit:verify -- --tenant ID: a tenant's trail in PostgreSQL", () => {
  const db = useMigratedDatabase();
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const base = { DATA_DIR: await tempDir(), DATABASE_URL: db().url, SERVICE_KEY };
    const code = await verify(
      { ...base, ...env },
      (l) => out.push(l),
      (l) => err.push(l),
      args,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('when the rows are intact, then it says so with the count; when one was edited, then it names it and exits 1', async () => {
    const scope = await db().newTenant();
    const trail = new PostgresAuditTrail(scope);
    for (const actor of ['somsri', 'somchai']) await trail.append(AT, actor, 'login');
    expect(await run(['--tenant', scope.tenantId])).toEqual({ code: 0, out: 'audit trail intact: 2 entries', err: '' });
    await asAdmin(
      (c) => c.query("UPDATE audit_entries SET action = 'logout' WHERE tenant_id = $1 AND seq = 2", [scope.tenantId]),
      db().name,
    );
    const broken = await run(['--tenant', scope.tenantId]);
    expect(broken.code).toBe(1);
    expect(broken.err).toBe('audit trail broken at entry 2: its content was changed');
  });

  it('when the tenant is unknown, the id malformed or DATABASE_URL missing, then one line and exit 1', async () => {
    const unknown = await run(['--tenant', 'nowhere']);
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toBe('audit:verify: no tenant "nowhere" (npm run tenant -- add)');
    const malformed = await run(['--tenant', 'Bad Name!']);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/^audit:verify: --tenant needs an ID .*\(npm run audit:verify -- --help\)$/);
    const noDatabase = await run(['--tenant', 'nowhere'], { DATABASE_URL: '' });
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.err).toMatch(/^audit:verify: DATABASE_URL: not set/);
    expect(noDatabase.err.split('\n')).toHaveLength(1);
  });
});
