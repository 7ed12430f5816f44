import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/staff.js';
import { PostgresAccountStore } from '../../src/db/account-store-postgres.js';
import { PostgresAuditTrail } from '../../src/db/audit-trail-postgres.js';
import { StaffAccounts } from '../../src/staff/accounts.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The service key migratedDatabase() seals tenants under (test/helpers/postgres-tenant.ts). */
const SERVICE_KEY = Buffer.alloc(32, 9).toString('base64');

describe.skipIf(!hasPostgres)("npm run staff -- ... --tenant ID: a municipality's accounts in PostgreSQL", () => {
  const db = useMigratedDatabase();
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const dataDir = await tempDir();
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), now: () => new Date() };
    const code = await main(args, { DATA_DIR: dataDir, DATABASE_URL: db().url, SERVICE_KEY, ...env }, io);
    return { code, out: out.join('\n'), err: err.join('\n'), dataDir };
  };

  it('when an admin is added to a tenant, then its rows hold the account, the audit chain the change, and no file is written', async () => {
    const scope = await db().newTenant();
    const added = await run(['add', 'Malee', '--role', 'admin', '--tenant', scope.tenantId]);
    expect(added.code).toBe(0);
    const password = /One-time password: (\S+)/.exec(added.out)![1]!;
    const accounts = new StaffAccounts(new PostgresAccountStore(scope));
    expect(await accounts.get('malee')).toMatchObject({ role: 'admin', mustChange: true });
    expect((await accounts.login('malee', password, new Date())).ok).toBe(true);
    expect(await new PostgresAuditTrail(scope).list()).toMatchObject([
      { actor: 'command-line', action: 'account.create', target: 'account:malee', details: { role: 'admin' } },
    ]);
    expect(await new PostgresAuditTrail(scope).verify()).toEqual({ ok: true, count: 1 });
    expect(fs.existsSync(path.join(added.dataDir, 'state'))).toBe(false);

    const listed = await run(['list', '--tenant', scope.tenantId]);
    expect(listed.out).toBe('malee\tadmin\tone-time password not yet changed');
    // Another tenant has no such account
    const other = await db().newTenant();
    expect((await run(['reset', 'malee', '--tenant', other.tenantId])).err).toBe('staff: no account named "malee"');
  });

  it('when the tenant is unknown, the id malformed or DATABASE_URL missing, then one line on stderr and exit 1', async () => {
    expect(await run(['list', '--tenant', 'nowhere'])).toMatchObject({
      code: 1,
      out: '',
      err: 'staff: no tenant "nowhere" (npm run tenant -- add)',
    });
    const malformed = await run(['list', '--tenant', 'No Such!']);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/^staff: --tenant needs an ID .*\(npm run staff -- --help\)$/);
    const noDatabase = await run(['list', '--tenant', 'nowhere'], { DATABASE_URL: '' });
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.err).toMatch(/^staff: DATABASE_URL: not set/);
  });
});
