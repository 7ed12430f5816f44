import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openPool, type Pool } from '../../src/db/pool.js';
import { TenantRepository } from '../../src/db/tenants.js';
import { withTenant } from '../../src/db/with-tenant.js';
import { asAdmin, freshDatabase, hasPostgres } from '../helpers/postgres-database.js';

const SERVICE_KEY = Buffer.alloc(32, 3);
let pool: Pool;
let dbName: string;

/** Every inbox row as the superuser sees it (row security does not apply to it). */
const allRows = () =>
  asAdmin(
    async (c) => (await c.query('SELECT tenant_id, event_id, payload_sealed FROM inbox_events ORDER BY 1, 2')).rows,
    dbName,
  );

const insert = (tenant: string, eventId: string, rowTenant = tenant) =>
  withTenant(pool, tenant, (c) =>
    c.query('INSERT INTO inbox_events (tenant_id, event_id, payload_sealed) VALUES ($1, $2, $3)', [
      rowTenant,
      eventId,
      `sealed-${eventId}`,
    ]),
  );

describe.skipIf(!hasPostgres)('row-level security keeps each tenant inside its own rows', () => {
  beforeAll(async () => {
    const db = await freshDatabase();
    dbName = db.name;
    await migrate(db.url);
    pool = openPool(db.url, { max: 1 }); // one connection: every test reuses what the last one left on it
    const tenants = new TenantRepository(pool, SERVICE_KEY);
    for (const id of ['town-a', 'town-b']) await tenants.add({ id, name: id, channelSecret: 's', accessToken: 't' });
  });
  afterAll(() => pool.end());

  it('when each tenant stores its events, then each reads back only its own, even with no WHERE at all', async () => {
    await insert('town-a', 'a1');
    await insert('town-b', 'b1');
    const read = (t: string) =>
      withTenant(pool, t, async (c) => (await c.query('SELECT tenant_id, event_id FROM inbox_events')).rows);
    expect(await read('town-a')).toEqual([{ tenant_id: 'town-a', event_id: 'a1' }]);
    expect(await read('town-b')).toEqual([{ tenant_id: 'town-b', event_id: 'b1' }]);
  });

  it("when the code's WHERE names the other tenant, then the database returns nothing", async () => {
    const rows = await withTenant(
      pool,
      'town-a',
      async (c) => (await c.query("SELECT * FROM inbox_events WHERE tenant_id = 'town-b'")).rows,
    );
    expect(rows).toEqual([]);
  });

  it("when an UPDATE or DELETE has no WHERE, then the other tenant's rows are untouched", async () => {
    const changed = await withTenant(pool, 'town-a', async (c) => {
      const updated = await c.query("UPDATE inbox_events SET payload_sealed = 'overwritten'");
      const deleted = await c.query("DELETE FROM inbox_events WHERE event_id = 'b1'");
      return [updated.rowCount, deleted.rowCount];
    });
    expect(changed).toEqual([1, 0]);
    expect(await allRows()).toEqual([
      { tenant_id: 'town-a', event_id: 'a1', payload_sealed: 'overwritten' },
      { tenant_id: 'town-b', event_id: 'b1', payload_sealed: 'sealed-b1' },
    ]);
  });

  it("when a tenant writes a row in another's name or moves its row there, then the database refuses", async () => {
    await expect(insert('town-a', 'x1', 'town-b')).rejects.toMatchObject({ code: '42501' });
    const move = withTenant(pool, 'town-a', (c) => c.query("UPDATE inbox_events SET tenant_id = 'town-b'"));
    await expect(move).rejects.toMatchObject({ code: '42501' });
    expect((await allRows()).map((r) => `${r.tenant_id}/${r.event_id}`)).toEqual(['town-a/a1', 'town-b/b1']);
  });

  it('when tenant-scoped code reads the tenants table, then it is refused (no secrets inside a tenant)', async () => {
    const peek = withTenant(pool, 'town-a', (c) => c.query('SELECT channel_secret_sealed FROM tenants'));
    await expect(peek).rejects.toMatchObject({ code: '42501' });
  });

  it('when the function throws, then its writes are rolled back and the connection comes back clean', async () => {
    const failing = withTenant(pool, 'town-a', async (c) => {
      await c.query("INSERT INTO inbox_events (tenant_id, event_id, payload_sealed) VALUES ('town-a', 'lost', 'x')");
      throw new Error('handler failed');
    });
    await expect(failing).rejects.toThrow('handler failed');
    expect((await allRows()).map((r) => r.event_id)).not.toContain('lost');
    const { rows } = await pool.query("SELECT current_user AS who, current_setting('app.tenant', true) AS tenant");
    expect(rows[0].who).toBe('bot');
    expect(rows[0].tenant ?? '').toBe('');
  });

  it('when the owning role queries outside any tenant, then it sees no rows and cannot insert (the policy is forced)', async () => {
    expect((await pool.query('SELECT count(*)::int AS n FROM inbox_events')).rows).toEqual([{ n: 0 }]);
    const write = pool.query(
      "INSERT INTO inbox_events (tenant_id, event_id, payload_sealed) VALUES ('town-a', 'o1', 'x')",
    );
    await expect(write).rejects.toMatchObject({ code: '42501' });
    expect(await allRows()).toHaveLength(2);
  });
});
