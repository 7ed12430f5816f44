import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { openPool, type Pool } from '../../src/db/pool.js';
import { TenantError, TenantRepository } from '../../src/db/tenants.js';
import { postgresBin } from '../helpers/postgres-cluster.js';
import { freshDatabase, hasPostgres } from '../helpers/postgres-database.js';

const SERVICE_KEY = Buffer.alloc(32, 7);
const SECRET = 'channel-secret-5f1c9a';
const TOKEN = 'access-token-0be7d2-long';
const AT = new Date('2026-12-06T04:00:00Z');
let pool: Pool;
let url: string;
let tenants: TenantRepository;

describe.skipIf(!hasPostgres)('the tenants table', () => {
  beforeAll(async () => {
    ({ url } = await freshDatabase());
    await migrate(url);
    pool = openPool(url);
    tenants = new TenantRepository(pool, SERVICE_KEY);
    await tenants.add({ id: 'phonsai', name: ' เทศบาลตำบลโพนทราย ', channelSecret: SECRET, accessToken: TOKEN }, AT);
  });
  afterAll(() => pool.end());

  it('when a tenant is added, then it lists as active with its trimmed name and its secrets open again', async () => {
    expect(await tenants.list()).toEqual([
      { id: 'phonsai', name: 'เทศบาลตำบลโพนทราย', status: 'active', createdAt: AT, updatedAt: AT },
    ]);
    const secrets = await tenants.secrets('phonsai');
    expect(secrets).toMatchObject({ channelSecret: SECRET, accessToken: TOKEN });
    expect(secrets!.dataKey).toHaveLength(32);
    expect(await tenants.secrets('nobody')).toBeNull();
  });

  it('when the same id is added again or an id is malformed, then it is refused and nothing changes', async () => {
    const again = tenants.add({ id: 'phonsai', name: 'x', channelSecret: 's', accessToken: 't' });
    await expect(again).rejects.toEqual(new TenantError('exists', 'tenant "phonsai" already exists'));
    for (const id of ['P', 'Phonsai', 'a_b', 'x'.repeat(33)]) {
      await expect(tenants.add({ id, name: 'x', channelSecret: 's', accessToken: 't' })).rejects.toMatchObject({
        code: 'bad_id',
      });
    }
    await expect(tenants.add({ id: 'empty', name: 'x', channelSecret: ' ', accessToken: 't' })).rejects.toMatchObject({
      code: 'bad_secret',
    });
    expect((await tenants.list()).map((t) => t.id)).toEqual(['phonsai']);
  });

  it('when a tenant is suspended and resumed, then its status and update time follow; an unknown id is refused', async () => {
    const later = new Date('2026-12-07T04:00:00Z');
    expect(await tenants.setStatus('phonsai', 'suspended', later)).toMatchObject({
      status: 'suspended',
      updatedAt: later,
      createdAt: AT,
    });
    expect((await tenants.setStatus('phonsai', 'active')).status).toBe('active');
    await expect(tenants.setStatus('nakhon', 'suspended')).rejects.toMatchObject({ code: 'unknown' });
  });

  it('when a tenant is renamed, then the list shows the trimmed new name; an unknown id is refused', async () => {
    const later = new Date('2026-12-08T04:00:00Z');
    expect(await tenants.rename('phonsai', ' เทศบาลตำบลบ้านใหม่ ', later)).toMatchObject({
      name: 'เทศบาลตำบลบ้านใหม่',
      updatedAt: later,
    });
    expect((await tenants.list())[0]!.name).toBe('เทศบาลตำบลบ้านใหม่');
    await expect(tenants.rename('nakhon', 'เทศบาลนคร')).rejects.toMatchObject({ code: 'unknown' });
    await tenants.rename('phonsai', 'เทศบาลตำบลโพนทราย');
  });

  it.each([
    ['empty', '', 'the name is empty'],
    ['only spaces', '   ', 'the name is empty'],
    ['too long', 'ก'.repeat(101), 'the name is longer than 100 characters'],
    ['a new line', 'เทศบาล\nโพนทราย', 'the name holds a control character'],
    ['a bell', 'เทศบาล\u0007', 'the name holds a control character'],
    ['a bidi override', 'เทศบาล\u202Eยารทนโพ', 'the name holds a control character'],
  ])('when a name is %s, then add and rename refuse it and nothing changes', async (_what, name, message) => {
    const refused = { code: 'bad_name', message };
    await expect(tenants.add({ id: 'nakhon', name, channelSecret: 's', accessToken: 't' })).rejects.toMatchObject(
      refused,
    );
    await expect(tenants.rename('phonsai', name)).rejects.toMatchObject(refused);
    expect((await tenants.list()).map((t) => [t.id, t.name])).toEqual([['phonsai', 'เทศบาลตำบลโพนทราย']]);
  });

  it('when a bad name is written past the code, then the table refuses it too', async () => {
    for (const name of ['เทศบาล\tโพนทราย', ' เทศบาล', 'ก'.repeat(101), 'เทศบาล\u2066x'])
      await expect(pool.query("UPDATE tenants SET name = $1 WHERE id = 'phonsai'", [name])).rejects.toMatchObject({
        code: '23514',
      });
    expect((await tenants.list())[0]!.name).toBe('เทศบาลตำบลโพนทราย');
  });

  it('when the service key is another, then the secrets do not open', async () => {
    await expect(new TenantRepository(pool, Buffer.alloc(32, 8)).secrets('phonsai')).rejects.toThrow(
      /damaged or the key is wrong/,
    );
  });

  it('when the database is dumped with pg_dump, then no secret and no data key is in it', async () => {
    const dataKey = (await tenants.secrets('phonsai'))!.dataKey;
    const adminUrl = url.replace('user=bot', 'user=postgres');
    const { stdout } = await promisify(execFile)(
      path.join(postgresBin()!, 'pg_dump'),
      ['--data-only', `--dbname=${adminUrl}`],
      { maxBuffer: 1 << 24 },
    );
    expect(stdout).toContain('phonsai');
    for (const clear of [
      SECRET,
      TOKEN,
      dataKey.toString('base64'),
      dataKey.toString('hex'),
      dataKey.toString('base64url'),
    ])
      expect(stdout).not.toContain(clear);
  });
});
