import { describe, expect, it } from 'vitest';
import { runner } from 'node-pg-migrate';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';
import { asAdmin, freshDatabase, hasPostgres } from '../helpers/postgres-database.js';
import { ALL_MIGRATIONS } from '../helpers/postgres-tenant.js';

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
    expect(await migrate(db.url)).toEqual(ALL_MIGRATIONS);
    expect(ALL_MIGRATIONS[0]).toBe('1764979200000_tenants-and-row-security');
    expect(await tablesOf(db.name)).toEqual(
      expect.arrayContaining(['inbox_events', 'pgmigrations', 'tenants', 'tips']),
    );
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
    expect(results.map((r) => r.length).sort()).toEqual([0, ALL_MIGRATIONS.length]);
    expect(await tablesOf(db.name)).toContain('tenants');
  });

  it('when the schema is migrated, then every table with a tenant_id has row security forced and a tenant policy, and tenants has none', async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const rls = await asAdmin(
      async (c) =>
        (
          await c.query(
            `SELECT c.relname, c.relrowsecurity AS on, c.relforcerowsecurity AS forced,
                    EXISTS (SELECT FROM pg_policies p WHERE p.tablename = c.relname AND p.policyname = 'tenant_isolation') AS policy,
                    EXISTS (SELECT FROM information_schema.columns k WHERE k.table_name = c.relname AND k.column_name = 'tenant_id') AS scoped
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'pgmigrations' ORDER BY 1`,
          )
        ).rows as Array<{ relname: string; on: boolean; forced: boolean; policy: boolean; scoped: boolean }>,
      db.name,
    );
    const scoped = rls.filter((r) => r.scoped);
    expect(scoped.length).toBeGreaterThanOrEqual(4);
    for (const r of scoped) expect(r, r.relname).toMatchObject({ on: true, forced: true, policy: true });
    expect(rls.find((r) => r.relname === 'tenants')).toMatchObject({ on: false, forced: false, scoped: false });
    // The service's own tables, outside every municipality: bot_tenant is granted nothing on them
    expect(rls.filter((r) => !r.scoped).map((r) => r.relname)).toEqual(['service_limit_hits', 'tenants']);
  });

  it("when every migration is rolled back, then only the tool's own record is left, and they apply again", async () => {
    const db = await freshDatabase();
    await migrate(db.url);
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const common = { databaseUrl: db.url, dir: MIGRATIONS_DIR, migrationsTable: 'pgmigrations', logger: quiet };
    await runner({ ...common, direction: 'down', count: Infinity });
    expect(await tablesOf(db.name)).toEqual(['pgmigrations']);
    expect(await migrate(db.url)).toEqual(ALL_MIGRATIONS);
  });

  it('when names stored under the old rule are too long or hold hidden characters, then the name migration cleans them and the table holds the new rule', async () => {
    const db = await freshDatabase();
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const before = ALL_MIGRATIONS.indexOf('1765033200000_tenant-display-name');
    await runner({
      databaseUrl: db.url,
      dir: MIGRATIONS_DIR,
      migrationsTable: 'pgmigrations',
      logger: quiet,
      direction: 'up',
      count: before,
    });
    const names = {
      long: `เทศบาลตำบล${'ก'.repeat(150)}`,
      hidden: 'เทศบาล\tตำบล\u202Eบ้านใหม่',
      fine: 'เทศบาลตำบลหนองบัว',
      blank: '\u0007',
    };
    await asAdmin(async (c) => {
      for (const [id, name] of Object.entries(names))
        await c.query(
          "INSERT INTO tenants (id, name, channel_secret_sealed, access_token_sealed, data_key_sealed) VALUES ($1, $2, 's', 't', 'k')",
          [id, name],
        );
    }, db.name);
    await migrate(db.url);
    const rows = await asAdmin(async (c) => (await c.query('SELECT id, name FROM tenants ORDER BY id')).rows, db.name);
    expect(rows).toEqual([
      { id: 'blank', name: 'blank' },
      { id: 'fine', name: 'เทศบาลตำบลหนองบัว' },
      { id: 'hidden', name: 'เทศบาล ตำบล บ้านใหม่' },
      { id: 'long', name: names.long.slice(0, 100) },
    ]);
    await expect(
      asAdmin((c) => c.query("UPDATE tenants SET name = 'x\ny' WHERE id = 'fine'"), db.name),
    ).rejects.toMatchObject({ code: '23514' });
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
