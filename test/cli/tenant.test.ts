import { beforeAll, describe, expect, it } from 'vitest';
import { failureLine } from '../../src/cli/command-line.js';
import { main } from '../../src/cli/tenant.js';
import { asAdmin, freshDatabase, hasPostgres } from '../helpers/postgres-database.js';

const SERVICE_KEY = Buffer.alloc(32, 11).toString('base64');
const SECRET = 'c0ffee-channel-secret-91';
const TOKEN = 'token-abc-long-access-token-77';
let env: Record<string, string>;
let dbName: string;

async function tenant(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--', ...argv], env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe.skipIf(!hasPostgres)('npm run tenant', () => {
  beforeAll(async () => {
    const db = await freshDatabase();
    dbName = db.name;
    env = { DATABASE_URL: db.url, SERVICE_KEY };
  });

  it('when a tenant is added to a fresh database, then one line says so and list shows it without secrets', async () => {
    const added = await tenant(
      'add',
      'phonsai',
      '--name',
      'เทศบาลตำบลโพนทราย',
      '--channel-secret',
      SECRET,
      '--access-token',
      TOKEN,
    );
    expect(added).toEqual({
      code: 0,
      out: ['tenant "phonsai" added (เทศบาลตำบลโพนทราย), active; its LINE webhook is /webhook/phonsai'],
      err: [],
    });
    const listed = await tenant('list');
    expect(listed.code).toBe(0);
    expect(listed.out).toHaveLength(1);
    expect(listed.out[0]).toMatch(/^phonsai\tactive\tเทศบาลตำบลโพนทราย\tadded \d{4}-/);
    expect(listed.out.join()).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
  });

  it('when a tenant is suspended and resumed, then each prints one line and list follows', async () => {
    expect(await tenant('suspend', 'phonsai')).toEqual({ code: 0, out: ['tenant "phonsai" suspended'], err: [] });
    expect((await tenant('list')).out[0]).toMatch(/^phonsai\tsuspended\t/);
    expect(await tenant('resume', 'phonsai')).toEqual({ code: 0, out: ['tenant "phonsai" resumed (active)'], err: [] });
    expect((await tenant('list')).out[0]).toMatch(/^phonsai\tactive\t/);
  });

  it('when a tenant is renamed, then one line says so, list shows the new name, and spaces around it are dropped', async () => {
    expect(await tenant('rename', 'phonsai', '--name', 'เทศบาลตำบลบ้านใหม่')).toEqual({
      code: 0,
      out: ['tenant "phonsai" is now named เทศบาลตำบลบ้านใหม่'],
      err: [],
    });
    expect((await tenant('list')).out[0]).toMatch(/^phonsai\tactive\tเทศบาลตำบลบ้านใหม่\t/);
    expect((await tenant('rename', 'phonsai', '--name', '  เทศบาลตำบลโพนทราย ')).out).toEqual([
      'tenant "phonsai" is now named เทศบาลตำบลโพนทราย',
    ]);
  });

  it('when the rows are read straight from the database, then no secret is there in clear', async () => {
    const rows = await asAdmin(async (c) => (await c.query('SELECT * FROM tenants')).rows, dbName);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${SECRET}|${TOKEN}`));
    expect(rows[0].channel_secret_sealed).toMatch(/^v1\./);
  });

  it.each([
    [
      ['add', 'Phon_sai', '--name', 'x', '--channel-secret', 's', '--access-token', 't'],
      'tenant: tenant id "Phon_sai" must be 2-32 of a-z, 0-9 and - (npm run tenant -- --help)',
    ],
    [
      ['add', 'nakhon', '--name', 'x', '--access-token', 't'],
      'tenant: add needs --channel-secret (npm run tenant -- --help)',
    ],
    [
      ['add', 'nakhon', '--name', '', '--channel-secret', 's', '--access-token', 't'],
      'tenant: add needs --name (npm run tenant -- --help)',
    ],
    [['suspend'], 'tenant: suspend needs a tenant id (npm run tenant -- --help)'],
    [['list', 'phonsai'], 'tenant: unexpected argument "phonsai" (npm run tenant -- --help)'],
    [['resume', 'phonsai', '--name', 'x'], 'tenant: --name goes only with add or rename (npm run tenant -- --help)'],
    [
      ['remove', 'phonsai'],
      'tenant: unknown command "remove" (add, rename, list, suspend, resume) (npm run tenant -- --help)',
    ],
    [['add', 'x1', '--colour', 'red'], 'tenant: unknown argument "--colour" (npm run tenant -- --help)'],
    [[], 'tenant: no command given (add, rename, list, suspend, resume) (npm run tenant -- --help)'],
    [['suspend', 'nakhon'], 'tenant: no tenant "nakhon"'],
    [['rename', 'phonsai'], 'tenant: rename needs --name (npm run tenant -- --help)'],
    [
      ['rename', 'phonsai', '--name', 'x', '--access-token', 't'],
      'tenant: --access-token goes only with add (npm run tenant -- --help)',
    ],
    [['rename', 'phonsai', '--name', 'ก'.repeat(101)], 'tenant: the name is longer than 100 characters'],
    [['rename', 'phonsai', '--name', 'เทศบาล\u0007ตำบล'], 'tenant: the name holds a control character'],
    [['rename', 'nakhon', '--name', 'เทศบาลตำบลนคร'], 'tenant: no tenant "nakhon"'],
    [
      ['add', 'nakhon', '--name', 'เทศบาล\nนคร', '--channel-secret', 's', '--access-token', 't'],
      'tenant: the name holds a control character',
    ],
    [
      ['add', 'phonsai', '--name', 'x', '--channel-secret', 's', '--access-token', 't'],
      'tenant: tenant "phonsai" already exists',
    ],
  ])('when the arguments are %j, then one line on stderr, exit 1, nothing changed', async (argv, line) => {
    expect(await tenant(...argv)).toEqual({ code: 1, out: [], err: [line] });
    const rows = await asAdmin(async (c) => (await c.query('SELECT id, name, status FROM tenants')).rows, dbName);
    expect(rows).toEqual([{ id: 'phonsai', name: 'เทศบาลตำบลโพนทราย', status: 'active' }]);
  });

  it('when DATABASE_URL or SERVICE_KEY is missing or bad, then one line names it, never the value, exit 1', async () => {
    const run = async (e: Record<string, string>) => {
      const err: string[] = [];
      const code = await main(['list'], e, { out: () => {}, err: (l) => err.push(l) });
      return { code, err };
    };
    expect(await run({})).toEqual({
      code: 1,
      err: ["tenant: DATABASE_URL: not set (this command works on the shared service's PostgreSQL database)"],
    });
    expect(await run({ DATABASE_URL: env.DATABASE_URL! })).toEqual({
      code: 1,
      err: ['tenant: SERVICE_KEY: required with DATABASE_URL (32 bytes, base64)'],
    });
    const bad = await run({ DATABASE_URL: 'mysql://root:hunter2@db/x', SERVICE_KEY });
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual([expect.stringMatching(/^tenant: DATABASE_URL: must be a PostgreSQL connection string/)]);
    expect(bad.err.join()).not.toContain('hunter2');
  });

  it('when the database cannot be reached, then the failure line holds no password', async () => {
    const unreachable = { DATABASE_URL: 'postgresql://bot:pa55word-secret@127.0.0.1:1/nowhere', SERVICE_KEY };
    const failure = await main(['list'], unreachable, { out: () => {}, err: () => {} }).catch((e: unknown) =>
      failureLine('tenant', e),
    );
    expect(failure).toMatch(/^tenant failed: /);
    expect(failure).not.toContain('pa55word-secret');
  });
});
