import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { tenantScope } from '../../src/db/postgres-stores.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { withTenant } from '../../src/db/with-tenant.js';
import { requireCleanBuild } from '../helpers/built-project.js';
import { userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';
import { multicastStandIn, type MulticastStandIn } from '../publications/multicast-stand-in.js';
import { newTown } from './service-harness.js';

const PROCESS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/service-process.mjs');
const TOWN = newTown('khok-sung');
const STAFF = 'khok-sung-staff-token-0123456789abcdef';
const SUBSCRIBERS = 2_000;

/** A service process on the compiled project, with the log lines it printed. */
interface Child {
  process: ChildProcess;
  url: string;
  logs: Array<Record<string, unknown>>;
}

async function start(env: NodeJS.ProcessEnv): Promise<Child> {
  const child = fork(PROCESS, [], { env: { ...env, DATA_DIR: await tempDir() }, silent: true });
  const logs: Array<Record<string, unknown>> = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  return { process: child, url: ready.url, logs };
}

/** Waits until `p` holds a batch it fixed and has not settled (its worker name carries its pid). */
async function holdsBatch(scope: TenantScope, p: ChildProcess): Promise<void> {
  for (;;) {
    const { rows } = await withTenant(scope.pool, scope.tenantId, (c) =>
      c.query(
        `SELECT n FROM delivery_batches WHERE state = 'pending' AND frozen_at IS NOT NULL AND claimed_by LIKE $1 LIMIT 1`,
        [`%:${p.pid}:%`],
      ),
    );
    if (rows[0]) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!hasPostgres)('two shared-service processes on the compiled project, one killed mid-delivery', () => {
  const db = useMigratedDatabase();
  const children: Child[] = [];
  let line: MulticastStandIn;
  beforeAll(async () => {
    requireCleanBuild();
    // LINE counts each request at once and answers 300 ms later: a kill can land between the two
    line = await multicastStandIn(TOWN.accessToken, 300);
  });
  afterAll(async () => {
    for (const c of children) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill();
    await line.close();
  });

  it('when the process sending a publication is SIGKILLed holding its batches, then the other sends them after the lease: each of 2,000 subscribers once', async () => {
    await db().tenants.add(TOWN);
    const scope = await tenantScope(db().pool, db().tenants, TOWN.id);
    const friends = new PostgresFriendStore(scope);
    const userIds = Array.from({ length: SUBSCRIBERS }, (_, i) => userId(70_000 + i));
    for (let i = 0; i < userIds.length; i += 50)
      await Promise.all(userIds.slice(i, i + 50).map((id) => friends.follow(id, new Date(), ['news'])));
    const env = {
      ...process.env,
      DATABASE_URL: db().url,
      SERVICE_KEY: Buffer.alloc(32, 9).toString('base64'),
      STAFF_TOKENS: `${TOWN.id}/somchai:${STAFF}`,
      LINE_API_BASE_URL: line.url,
      POLL_MS: '200',
      LEASE_MS: '1500',
    };
    children.push(await start(env), await start(env));
    const [a, b] = children as [Child, Child];

    const staff = (p: Child, method: string, route: string, body?: unknown) =>
      fetch(`${p.url}/t/${TOWN.id}/staff/api${route}`, {
        method,
        headers: { authorization: `Bearer ${STAFF}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const created = await staff(a, 'POST', '/publications', {
      topic: 'news',
      title: 'ประกาศงดจ่ายน้ำประปาชั่วคราว',
      body: 'งดจ่ายน้ำวันพุธ 09.00–15.00 น.',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The process that started it claimed its batches first: killed while one is on its way
    await holdsBatch(scope, a.process);
    a.process.kill('SIGKILL');
    await once(a.process, 'exit');

    let pub = { status: '', delivery: { accepted: 0, pending: -1 } };
    for (let i = 0; i < 300 && pub.status !== 'sent'; i += 1) {
      await new Promise((r) => setTimeout(r, 50));
      pub = (await (await staff(b, 'GET', `/publications/${id}`)).json()) as typeof pub;
    }
    expect(pub).toMatchObject({ status: 'sent', delivery: { accepted: SUBSCRIBERS, pending: 0 } });
    const counts = userIds.map((u) => line.delivered.get(u) ?? 0);
    expect({ missing: counts.filter((n) => n === 0).length, twice: counts.filter((n) => n > 1).length }).toEqual({
      missing: 0,
      twice: 0,
    });
    // The survivor sent what the killed process held; it started the publication once, not again
    expect(b.logs.some((l) => l.msg === 'publication delivered' && l.publication === id)).toBe(true);
    const starts = [...a.logs, ...b.logs].filter((l) => l.msg === 'publication sending' && l.publication === id);
    expect(starts).toHaveLength(1);
    b.process.send('stop');
    await once(b.process, 'exit');
  }, 60_000);
});
