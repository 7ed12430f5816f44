import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open-database.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { BUILT_SERVER, requireCleanBuild } from '../helpers/built-project.js';
import { freshDatabase, hasPostgres } from '../helpers/postgres-database.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ALL_MIGRATIONS } from '../helpers/postgres-tenant.js';

const SERVICE_KEY = Buffer.alloc(32, 5);

describe.skipIf(!hasPostgres)('opening the database at start', () => {
  it('when the database is empty, then the schema is migrated once, logged without the URL, and the tenants are usable', async () => {
    const { url } = await freshDatabase();
    const first = createMemoryLogger();
    const db = await openDatabase({ url, serviceKey: SERVICE_KEY }, first);
    await db.tenants.add({ id: 'phonsai', name: 'โพนทราย', channelSecret: 's', accessToken: 't' });
    await db.close();
    expect(first.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'database migrated',
        applied: ALL_MIGRATIONS.join(','),
      }),
    ]);
    expect(JSON.stringify(first.lines)).not.toContain(url);

    const second = createMemoryLogger();
    const again = await openDatabase({ url, serviceKey: SERVICE_KEY }, second);
    expect((await again.tenants.list()).map((t) => t.id)).toEqual(['phonsai']);
    await again.close();
    expect(second.lines).toEqual([]);
  });
});

describe.skipIf(!hasPostgres)('npm start with DATABASE_URL', () => {
  it('when the bot starts on an empty database, then the schema is migrated before it listens, and it still serves the town and stops cleanly', async () => {
    const { url } = await freshDatabase();
    requireCleanBuild();
    const env = {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      DATA_DIR: await tempDir(),
      DATABASE_URL: url,
      SERVICE_KEY: SERVICE_KEY.toString('base64'),
    };
    const child = spawn(process.execPath, [BUILT_SERVER], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', () => {
        const m = /"msg":"listening","port":(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      void exited.then((code) => reject(new Error(`exited with ${code}`)));
    });
    expect(out.indexOf('"msg":"database migrated"')).toBeGreaterThan(-1);
    expect(out.indexOf('"msg":"database migrated"')).toBeLessThan(out.indexOf('"msg":"listening"'));
    expect(out).not.toContain(url);
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toEqual({ status: 'ok' });
    // The schema is there: a tenant can be added through the same code the command uses
    const db = await openDatabase({ url, serviceKey: SERVICE_KEY }, createMemoryLogger());
    await db.tenants.add({ id: 'phonsai', name: 'โพนทราย', channelSecret: 's', accessToken: 't' });
    expect((await db.tenants.list()).map((t) => t.id)).toEqual(['phonsai']);
    await db.close();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
