import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { asAdmin, freshDatabase, hasPostgres } from '../helpers/postgres-database.js';

const tablesOf = (database: string) =>
  asAdmin(
    async (c) =>
      (
        await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
      ).rows.map((r) => r.t),
    database,
  );

describe.skipIf(!hasPostgres)('migrations on a real PostgreSQL', () => {
  it('when the database is empty, then every migration applies and the tables exist, owned by the connecting role', async () => {
    const db = await freshDatabase();
    expect(await tablesOf(db.name)).toEqual([]);
    expect(await migrate(db.url)).toEqual(['1764979200000_tenants-and-row-security']);
    expect(await tablesOf(db.name)).toEqual(['inbox_events', 'pgmigrations', 'tenants']);
    const owners = await asAdmin(
      async (c) => (await c.query("SELECT DISTINCT tableowner AS o FROM pg_tables WHERE schemaname = 'public'")).rows,
      db.name,
    );
    expect(owners).toEqual([{ o: 'bot' }]);
  });

  it('when run a second time, then nothing is applied and nothing changes', async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const before = await asAdmin(async (c) => (await c.query('SELECT name, run_on FROM pgmigrations')).rows, db.name);
    expect(await migrate(db.url)).toEqual([]);
    expect(await asAdmin(async (c) => (await c.query('SELECT name, run_on FROM pgmigrations')).rows, db.name)).toEqual(
      before,
    );
  });

  it('when two processes migrate the same empty database at once, then one applies and the other waits and finds nothing to do', async () => {
    const db = await freshDatabase();
    const results = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 1]);
    expect(await tablesOf(db.name)).toContain('tenants');
  });

  it('when the row-security tables are created, then the policy is forced on the owner too', async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const rls = await asAdmin(
      async (c) =>
        (
          await c.query(
            "SELECT relname, relrowsecurity AS on, relforcerowsecurity AS forced FROM pg_class WHERE relname IN ('inbox_events', 'tenants') ORDER BY 1",
          )
        ).rows,
      db.name,
    );
    expect(rls).toEqual([
      { relname: 'inbox_events', on: true, forced: true },
      { relname: 'tenants', on: false, forced: false },
    ]);
  });

  it('when the database user cannot switch to bot_tenant, then the migration stops with a line saying what to grant, and applies nothing', async () => {
    await migrate((await freshDatabase()).url); // bot_tenant exists in the cluster from here on
    const db = await freshDatabase();
    await asAdmin(async (c) => {
      await c.query(
        'DO $$ BEGIN CREATE ROLE plain LOGIN NOCREATEROLE; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$',
      );
      await c.query(`ALTER DATABASE ${db.name} OWNER TO plain`);
    });
    const plainUrl = db.url.replace('user=bot', 'user=plain');
    await expect(migrate(plainUrl)).rejects.toThrow(
      /the database user plain cannot switch to the role bot_tenant \(GRANT bot_tenant TO plain\)/,
    );
    expect(await tablesOf(db.name)).toEqual(['pgmigrations']); // the tool's own record, empty
  });
});
