import { describe, expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import type { Pool } from '../../src/db/pool.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import type { LineGateway } from '../../src/line/line-gateway.js';
import { ClaimedSender } from '../../src/publications/claimed-sender.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { SAMPLE_MESSAGES, sampleRefs, userIdOfRef } from '../publications/publication-sample.js';

/** The pool, with every statement its connections send counted (one statement, one round trip). */
function counted(pool: Pool): { pool: Pool; trips: () => number } {
  let trips = 0;
  const connect = async () => {
    const client = await pool.connect();
    return new Proxy(client, {
      get(target, key) {
        if (key === 'query') return (...args: Parameters<typeof target.query>) => ((trips += 1), target.query(...args));
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return {
    pool: new Proxy(pool, { get: (t, k) => (k === 'connect' ? connect : Reflect.get(t, k)) }),
    trips: () => trips,
  };
}

const line: Pick<LineGateway, 'multicast' | 'broadcast'> = {
  multicast: () => Promise.resolve({ requestId: 'req' }),
  broadcast: () => Promise.resolve({ requestId: 'req' }),
};

describe.skipIf(!hasPostgres)('delivery batches on PostgreSQL: round trips per batch', () => {
  const db = useMigratedDatabase();

  it('when 20 batches are claimed, sent and settled, and the publication asked after each whether any is pending, then at most 3 round trips a batch', async () => {
    const scope: TenantScope = await db().newTenant();
    const { pool, trips } = counted(scope.pool);
    const batches = new PostgresDeliveryBatches({ ...scope, pool });
    await batches.plan('pub-trips', 'multicast', sampleRefs(10_000));
    let lastPending = true;
    const sender = new ClaimedSender({
      batches,
      line,
      clock: () => new Date(),
      logger: createMemoryLogger(),
      messages: () => SAMPLE_MESSAGES,
      recipients: (_batch, refs) => ({ refs: [...refs], userIds: refs.map(userIdOfRef) }),
      // As Delivery does after each batch: is the publication done?
      onSettled: async (b) => void (lastPending = await batches.hasPending(b.pub)),
    });
    const before = trips();
    while ((await sender.round(10)) > 0);
    const perBatch = (trips() - before) / 20;
    expect(lastPending).toBe(false);
    expect(await batches.figures('pub-trips')).toMatchObject({ accepted: 10_000, pending: 0 });
    // Claim 3 a round of 10, then per batch: freeze 1, settle 1, and the pending question only
    // after the round's last batch (before: refs 3, freeze 4, settle 4, 200 rows read back in 3 = 14.3)
    expect(perBatch).toBeLessThanOrEqual(3);
  });
});
