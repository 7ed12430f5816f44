import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../helpers/postgres-cluster.js';
import { asAdmin, hasPostgres } from '../helpers/postgres-database.js';

const leftovers = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('phonsai-pg-'));

describe('the test PostgreSQL cluster', () => {
  it('when the binaries are not where they are said to be, then the start fails with one clear line and leaves no folder', async () => {
    const before = leftovers();
    await expect(startCluster('/nonexistent/postgresql/bin')).rejects.toThrow(/^test PostgreSQL: initdb failed: /);
    expect(leftovers()).toEqual(before);
  });

  it.skipIf(!hasPostgres)('when it runs, then it answers as a real PostgreSQL through its socket only', async () => {
    const settings = await asAdmin(async (c) => (await c.query("SELECT current_setting('server_version_num')::int AS v, current_setting('listen_addresses') AS tcp")).rows[0]);
    expect(settings.v).toBeGreaterThanOrEqual(150000);
    expect(settings.tcp).toBe('');
  });
});
