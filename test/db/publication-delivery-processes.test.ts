import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { withTenant } from '../../src/db/with-tenant.js';
import { requireCleanBuild } from '../helpers/built-project.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { multicastStandIn, type MulticastStandIn } from '../publications/multicast-stand-in.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/delivery-worker.mjs');
const SUBSCRIBERS = 100_000;
const LEASE_MS = 1500;
const PUB = 'pub-two-processes';

describe.skipIf(!hasPostgres)('two bot processes on the compiled project deliver one publication', () => {
  const db = useMigratedDatabase();
  let line: MulticastStandIn;
  beforeAll(async () => {
    requireCleanBuild();
    // LINE takes each request at once and answers 50 ms later: a kill can land between the two
    line = await multicastStandIn('stand-in-token', 50);
  });
  afterAll(() => line.close());

  it('when two of three processes are SIGKILLed holding claims, then the third finishes: 100,000 subscribers accepted once, none missing', async () => {
    const scope = await db().newTenant();
    const secrets = await db().tenants.secrets(scope.tenantId);
    const userIds = Array.from({ length: SUBSCRIBERS }, () => `U${randomBytes(16).toString('hex')}`);
    const planned = await new PostgresDeliveryBatches(scope).plan(PUB, 'multicast', userIds);
    const env = {
      ...process.env,
      DATABASE_URL: db().url,
      TENANT: scope.tenantId,
      DATA_KEY: secrets!.dataKey.toString('hex'),
      LINE_URL: line.url,
      LEASE_MS: String(LEASE_MS),
      PUBLICATION: PUB,
    };
    const [a, b, c] = [fork(WORKER, [], { env }), fork(WORKER, [], { env }), fork(WORKER, [], { env })];
    const held: number[] = [];
    // Killed mid-delivery: one after about a quarter of the batches went, one after about half
    for (const [victim, after] of [
      [a, 50],
      [b, 100],
    ] as const) {
      while (line.requests < after) await new Promise((r) => setTimeout(r, 10));
      held.push(await heldBy(scope, victim));
      victim.kill('SIGKILL');
      await once(victim, 'exit');
    }
    const [report] = (await once(c, 'message')) as [{ sent: number }];
    await once(c, 'exit');

    const counts = userIds.map((id) => line.delivered.get(id) ?? 0);
    expect({ missing: counts.filter((n) => n === 0).length, twice: counts.filter((n) => n > 1).length }).toEqual({
      missing: 0,
      twice: 0,
    });
    expect(line.delivered.size).toBe(SUBSCRIBERS);
    const after = await new PostgresDeliveryBatches(scope).batches(PUB);
    expect(after.map((x) => [x.retryKey, x.state])).toEqual(planned.map((x) => [x.retryKey, 'accepted']));
    expect(after.filter((x) => held.includes(x.n)).map((x) => x.state)).toEqual(['accepted', 'accepted']);
    expect(report.sent).toBeGreaterThan(0);
    // A batch LINE took from a killed process and the survivor sent again was answered 409, not delivered twice
    expect(line.repeats).toBeLessThanOrEqual(2);
  }, 60_000);
});

/** Waits until process `p` holds a pending batch's claim (its worker name has its pid): that batch's number. */
async function heldBy(scope: TenantScope, p: ChildProcess): Promise<number> {
  for (;;) {
    const { rows } = await withTenant(scope.pool, scope.tenantId, (c) =>
      c.query<{ n: number }>(
        `SELECT n FROM delivery_batches WHERE state = 'pending' AND frozen_at IS NOT NULL AND claimed_by LIKE $1 LIMIT 1`,
        [`%:${p.pid}:%`],
      ),
    );
    if (rows[0]) return rows[0].n;
    await new Promise((r) => setTimeout(r, 10));
  }
}
