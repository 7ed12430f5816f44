import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/publish.js';
import { PostgresAuditTrail } from '../../src/db/audit-trail-postgres.js';
import { PostgresPublicationStore } from '../../src/db/publication-store-postgres.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { followEvent, userId } from '../helpers/events.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { mockLine } from '../helpers/line-nock.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { TENANT_CHANNEL, useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { startServiceProcess, type ServiceProcess } from '../helpers/service-process.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The service key migratedDatabase() seals tenants under (test/helpers/postgres-tenant.ts). */
const SERVICE_KEY = Buffer.alloc(32, 9).toString('base64');
const TITLE = 'ประกาศรับฟังความคิดเห็นร่างข้อบัญญัติ';

describe.skipIf(!hasPostgres)("npm run publish -- --tenant ID: a municipality's publication in PostgreSQL", () => {
  const db = useMigratedDatabase();
  const running: { process?: ServiceProcess; line?: ReturnType<typeof mockLine> } = {};
  afterEach(async () => {
    await running.process?.stop();
    for (const call of running.line?.calls ?? []) expectLineValid(call.path, call.body, call.headers);
    running.line?.done();
    [running.process, running.line] = [undefined, undefined];
  });

  const publish = async (args: string[], env: Record<string, string> = {}, waitMs = 10_000) => {
    const [out, err] = [[] as string[], [] as string[]];
    const base = { DATA_DIR: await tempDir(), DATABASE_URL: db().url, SERVICE_KEY };
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), cwd: PROJECT_ROOT };
    const argv = ['--topic', 'news', '--title', TITLE, '--body-file', await bodyFile(), ...args];
    const code = await main(argv, { ...base, ...env }, io, { waitMs });
    return { code, out, err };
  };

  it('when a process of the service serves the tenant, then the command stores the publication in its rows only, that process sends it, and the line says to how many', async () => {
    const [mine, other] = [await db().newTenant(), await db().newTenant()];
    running.line = mockLine();
    const tenant = { id: mine.tenantId, channelSecret: TENANT_CHANNEL.secret };
    const p = (running.process = await startServiceProcess(
      db(),
      db().secondPool(),
      tenant,
      {},
      {
        publishing: { pollMs: 200 },
      },
    ));
    expect(await p.webhook(followEvent(userId(501)), followEvent(userId(502)))).toBe(200);

    const { code, out, err } = await publish(['--tenant', mine.tenantId]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const id = new RegExp(`^published (pub-[a-z0-9-]+) for ${mine.tenantId}: sending to 2 subscriber\\(s\\)`).exec(
      out[0]!,
    )?.[1];
    expect(id).toBeDefined();
    const store = new PostgresPublicationStore(mine);
    for (let i = 0; i < 100 && (await store.get(id!))?.status !== 'sent'; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(await store.get(id!)).toMatchObject({ title: TITLE, source: 'cli', status: 'sent' });
    const sent = running.line.calls.filter((c) => c.path === '/v2/bot/message/multicast');
    expect(sent.map((c) => [...(c.body.to as string[])].sort())).toEqual([[userId(501), userId(502)].sort()]);
    expect(await new PostgresAuditTrail(mine).list()).toMatchObject([
      { action: 'publication.create', target: `publication:${id}`, details: { topic: 'news', status: 'scheduled' } },
    ]);
    expect(await new PostgresPublicationStore(other).list()).toEqual([]);
  });

  it('when no process has started it while the command waits, or --at is later, then it waits in the rows and the line says so', async () => {
    const scope = await db().newTenant();
    const queued = await publish(['--tenant', scope.tenantId], {}, 300);
    expect({ code: queued.code, err: queued.err }).toEqual({ code: 0, err: [] });
    expect(queued.out[0]).toMatch(
      new RegExp(`^queued pub-[a-z0-9-]+ for ${scope.tenantId}: no process of the service`),
    );
    const at = new Date(Date.now() + 10 * 3600_000).toISOString().slice(0, 16);
    const later = await publish(['--tenant', scope.tenantId, '--at', at]);
    expect(later.out[0]).toMatch(/^scheduled pub-[a-z0-9-]+ for t-[0-9a-f]+ at \d{1,2} \S+ 25\d\d \d\d:\d\d น\./);
    expect((await new PostgresPublicationStore(scope).list()).map((p) => p.status)).toEqual(['scheduled', 'scheduled']);
  });

  it('when the tenant is unknown, suspended or malformed, or DATABASE_URL is missing, then one line on stderr, exit 1, nothing stored', async () => {
    const suspended = await db().newTenant();
    await db().tenants.setStatus(suspended.tenantId, 'suspended');
    const cases: Array<[string[], Record<string, string>, string | RegExp]> = [
      [['--tenant', 'nowhere'], {}, 'publish refused: no tenant "nowhere" (npm run tenant -- add)'],
      [['--tenant', suspended.tenantId], {}, `publish refused: tenant "${suspended.tenantId}" is suspended`],
      [['--tenant', 'No Such!'], {}, /^publish refused: --tenant needs an ID .*\(npm run publish -- --help\)$/],
      [['--tenant', 'nowhere'], { DATABASE_URL: '' }, /^publish refused: configuration: DATABASE_URL: not set/],
    ];
    for (const [args, env, line] of cases) {
      const { code, out, err } = await publish(args, env);
      expect({ code, out, lines: err.length }).toEqual({ code: 1, out: [], lines: 1 });
      expect(err[0]).toMatch(line);
    }
    expect(await new PostgresPublicationStore(suspended).list()).toEqual([]);
  });
});

async function bodyFile(): Promise<string> {
  const file = path.join(await tempDir('publish-tenant-'), 'body.txt');
  await writeFile(file, 'ขอเชิญประชาชนแสดงความคิดเห็นต่อร่างข้อบัญญัติ ภายในวันที่ 15 ธันวาคม');
  return file;
}
