import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/migrate-to-postgres.js';
import { TipRepo } from '../../src/tips/tip-repo.js';
import { deriveKeys } from '../../src/crypto/keys.js';
import { asAdmin, freshDatabase, hasPostgres } from '../helpers/postgres-database.js';
import { tempDir } from '../helpers/temp-dir.js';
import { sampleTip } from '../helpers/tip-sample.js';
import { main as tenant } from '../../src/cli/tenant.js';

const TOWN_KEY = Buffer.alloc(32, 0x33);
const SERVICE_KEY = Buffer.alloc(32, 0x44).toString('base64');

async function command(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['--', ...argv], env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe.skipIf(!hasPostgres)('npm run migrate-to-postgres', () => {
  it('when a town is moved into its new tenant, then each store prints its counts and a second run copies nothing', async () => {
    const dir = await tempDir();
    const tips = await TipRepo.open(path.join(dir, 'tips', 'tips.jsonl'), deriveKeys(TOWN_KEY).tips);
    await tips.save(await sampleTip(tips));
    await tips.close();
    const { url } = await freshDatabase();
    const env = { DATA_DIR: dir, DATABASE_URL: url, SERVICE_KEY, TIP_ENCRYPTION_KEY: TOWN_KEY.toString('base64') };
    const io = { out: () => {}, err: () => {} };
    await tenant(['add', 'phonsai', '--name', 'โพนทราย', '--channel-secret', 's', '--access-token', 't'], env, io);

    expect(await command(env, '--tenant', 'phonsai')).toEqual({
      code: 0,
      out: [
        'tips: 1 in files, 1 in the database, 1 copied, same content',
        'audit: 0 in files, 0 in the database, 0 copied, same content',
        'accounts: 0 in files, 0 in the database, 0 copied, same content',
        'inbox: 0 in files, 0 in the database, 0 copied, same content',
        'friends: 0 in files, 0 in the database, 0 copied, same content',
        'conversations: 0 in files, 0 in the database, 0 copied, same content',
        'questions: 0 in files, 0 in the database, 0 copied, same content',
        'line-links: 0 in files, 0 in the database, 0 copied, same content',
        'attachments: 0 in files, 0 in the database, 0 copied, same content',
        'publications: 0 in files, 0 in the database, 0 copied, same content',
        'friend-changes: 0 in files, 0 in the database, 0 copied, same content',
      ],
      err: [],
    });
    expect((await command(env, '--tenant', 'phonsai')).out[0]).toBe(
      'tips: 1 in files, 1 in the database, 0 copied, same content',
    );
  });

  it('when a town is moved, then the copied tables have planner statistics at once (the first publication is planned on real counts)', async () => {
    const dir = await tempDir();
    const { url, name } = await freshDatabase();
    const env = { DATA_DIR: dir, DATABASE_URL: url, SERVICE_KEY, TIP_ENCRYPTION_KEY: TOWN_KEY.toString('base64') };
    const io = { out: () => {}, err: () => {} };
    await tenant(['add', 'phonsai', '--name', 'โพนทราย', '--channel-secret', 's', '--access-token', 't'], env, io);
    // reltuples is -1 on a table never analyzed (autovacuum leaves a table this small alone)
    const stats = () =>
      asAdmin(async (c) => {
        const { rows } = await c.query<{ relname: string; reltuples: number }>(
          "SELECT relname, reltuples FROM pg_class WHERE relname IN ('friends', 'conversations') ORDER BY relname",
        );
        return rows;
      }, name);
    expect(await stats()).toEqual([
      { relname: 'conversations', reltuples: -1 },
      { relname: 'friends', reltuples: -1 },
    ]);

    expect((await command(env, '--tenant', 'phonsai')).code).toBe(0);
    expect(await stats()).toEqual([
      { relname: 'conversations', reltuples: 0 },
      { relname: 'friends', reltuples: 0 },
    ]);
  });

  it('when the tenant, the key or the option is missing, then one line says what, and the exit code is 1', async () => {
    const { url } = await freshDatabase();
    const dir = await tempDir();
    const env = { DATA_DIR: dir, DATABASE_URL: url, SERVICE_KEY };
    expect(await command(env)).toMatchObject({ code: 1, err: [expect.stringMatching(/needs --tenant ID/)] });
    expect(await command(env, '--tenant', 'phonsai')).toEqual({
      code: 1,
      out: [],
      err: [`migrate-to-postgres: no TIP_ENCRYPTION_KEY and no demo key in ${dir}: nothing this command could open`],
    });
    const keyed = { ...env, TIP_ENCRYPTION_KEY: TOWN_KEY.toString('base64') };
    expect(await command(keyed, '--tenant', 'phonsai')).toEqual({
      code: 1,
      out: [],
      err: ['migrate-to-postgres: no tenant "phonsai" (npm run tenant -- add)'],
    });
  });
});
