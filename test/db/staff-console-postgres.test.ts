import { describe, expect, it } from 'vitest';
import { PostgresAccountStore } from '../../src/db/account-store-postgres.js';
import { PostgresSessionStore } from '../../src/db/session-store-postgres.js';
import { sampleAccount } from '../helpers/account-sample.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const clock = () => new Date('2026-03-01T02:00:00.000Z');

describe.skipIf(!hasPostgres)('staff accounts and console sessions on PostgreSQL: processes, tenants', () => {
  const db = useMigratedDatabase();

  it('when two processes count failed logins of one account at once, then no failure is lost', async () => {
    const scope = await db().newTenant();
    const stores = [new PostgresAccountStore(scope), new PostgresAccountStore({ ...scope, pool: db().secondPool() })];
    await stores[0]!.update('malee', () => sampleAccount('malee'));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores[i % 2]!.update('malee', (a) => ({ ...a!, failures: a!.failures + 1 })),
      ),
    );
    expect((await stores[1]!.get('malee'))?.failures).toBe(20);
  });

  it('when staff log in through one process, then another process knows the session and its CSRF token, and a logout ends it everywhere', async () => {
    const scope = await db().newTenant();
    const here = new PostgresSessionStore(scope, clock);
    const there = new PostgresSessionStore({ ...scope, pool: db().secondPool() }, clock);
    const { id, session } = await here.create('malee', 2);
    expect(await there.get(id)).toEqual(session);
    await there.destroyAccount('malee');
    expect(await here.get(id)).toBeUndefined();
  });

  it('when the tables are dumped, then no cookie value, CSRF token or password appears', async () => {
    const scope = await db().newTenant();
    await new PostgresAccountStore(scope).update('malee', () =>
      sampleAccount('malee', { hash: 'scrypt$N=16384$salt$key' }),
    );
    const { id, session } = await new PostgresSessionStore(scope, clock).create('malee');
    const dump = await db().dump(['staff_accounts', 'console_sessions']);
    expect(dump).toContain('malee');
    expect(dump).not.toContain(id);
    expect(dump).not.toContain(session.csrf);
  });

  it("when tenant A's code forgets its tenant filter, then the database shows and changes none of B's accounts or sessions", async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    for (const scope of [a, b]) {
      await new PostgresAccountStore(scope).update('malee', () => sampleAccount('malee'));
      await new PostgresSessionStore(scope, clock).create('malee');
    }
    for (const table of ['staff_accounts', 'console_sessions'])
      await expectTenantWall(db(), table, a.tenantId, b.tenantId);
    expect(await new PostgresAccountStore(a).list()).toHaveLength(1);
  });

  it('when a cookie of tenant B is presented to tenant A, then A finds no session', async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    const { id } = await new PostgresSessionStore(b, clock).create('malee');
    expect(await new PostgresSessionStore(a, clock).get(id)).toBeUndefined();
    expect(await new PostgresSessionStore(b, clock).get(id)).toMatchObject({ name: 'malee' });
  });
});
