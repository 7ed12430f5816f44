import { describe, expect, it } from 'vitest';
import { PostgresAccountStore } from '../../src/db/account-store-postgres.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { AccountError, StaffAccounts } from '../../src/staff/accounts.js';
import { sampleAccount } from '../helpers/account-sample.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const NOW = new Date('2026-03-02T03:00:00Z');

describe.skipIf(!hasPostgres)('the last working admin, with two processes on one tenant', () => {
  const db = useMigratedDatabase();

  /** A tenant with two admins, and its accounts as two processes (two pools) see them. */
  async function twoAdmins(): Promise<[StaffAccounts, StaffAccounts]> {
    const scope: TenantScope = await db().newTenant();
    const here = new PostgresAccountStore(scope);
    for (const name of ['somsri', 'somchai']) await here.update(name, () => sampleAccount(name, { role: 'admin' }));
    const there = new PostgresAccountStore({ ...scope, pool: db().secondPool() });
    // Both pools connected already, so the two changes below really overlap
    await Promise.all([here.list(), there.list(), here.list(), there.list()]);
    return [new StaffAccounts(here), new StaffAccounts(there)];
  }

  it('when the two admins disable each other from two processes at once, then one is refused and one admin works', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await twoAdmins();
      const results = await Promise.allSettled([
        a.setDisabled('somsri', true, NOW),
        b.setDisabled('somchai', true, NOW),
      ]);
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AccountError] : []));
      expect(refused.map((e) => e.code)).toEqual(['last_admin']);
      expect((await a.list()).filter((x) => x.role === 'admin' && !x.disabled)).toHaveLength(1);
    }
  });

  it('when one process demotes an admin while the other disables the other admin, then one change is refused', async () => {
    const [a, b] = await twoAdmins();
    const results = await Promise.allSettled([a.setRole('somsri', 'editor', NOW), b.setDisabled('somchai', true, NOW)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await b.list()).filter((x) => x.role === 'admin' && !x.disabled)).toHaveLength(1);
  });

  it('when an unknown account is enabled, then it is refused as unknown and nothing is stored', async () => {
    const [a] = await twoAdmins();
    await expect(a.setDisabled('nobody', false, NOW)).rejects.toMatchObject({ code: 'unknown' });
    expect((await a.list()).map((x) => x.name)).toEqual(['somchai', 'somsri']);
  });
});
