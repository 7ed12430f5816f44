import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresBin, startCluster } from '../helpers/postgres-cluster.js';
import { asAdmin, hasPostgres } from '../helpers/postgres-database.js';

const leftovers = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('phonsai-pg-'));

async function gone(dir: string, withinMs: number): Promise<boolean> {
  for (const end = Date.now() + withinMs; Date.now() < end;) {
    if (!fs.existsSync(dir)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('the test PostgreSQL cluster', () => {
  it('when the binaries are not where they are said to be, then the start fails with one clear line and leaves no folder', async () => {
    const before = leftovers();
    await expect(startCluster('/nonexistent/postgresql/bin')).rejects.toThrow(/^test PostgreSQL: initdb failed: /);
    expect(leftovers()).toEqual(before);
  });

  it.skipIf(!hasPostgres)('when it runs, then it answers as a real PostgreSQL through its socket only', async () => {
    const settings = await asAdmin(
      async (c) =>
        (
          await c.query(
            "SELECT current_setting('server_version_num')::int AS v, current_setting('listen_addresses') AS tcp",
          )
        ).rows[0],
    );
    expect(settings.v).toBeGreaterThanOrEqual(150000);
    expect(settings.tcp).toBe('');
  });

  it.skipIf(!hasPostgres)(
    'when the test run that started it dies without its teardown, then the cluster stops and its folder goes',
    async () => {
      const run = spawn('sleep', ['60']); // stands in for a test run that is killed
      const cluster = await startCluster(postgresBin()!, run.pid);
      const client = new pg.Client({ connectionString: cluster.adminUrl });
      await client.connect();
      await client.end();
      run.kill('SIGKILL');
      expect(await gone(cluster.dir, 15_000)).toBe(true);
    },
  );
});
