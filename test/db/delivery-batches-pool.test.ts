import { describe, expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { openPool } from '../../src/db/pool.js';
import { userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const FRIENDS = 30;

describe.skipIf(!hasPostgres)('planning delivery batches on a small pool', () => {
  const db = useMigratedDatabase();

  it('when more publications are planned at once than the pool has connections, each from the friends pages, then every plan finishes', async () => {
    const tenant = await db().newTenant();
    const pool = openPool(db().url, { max: 2 });
    try {
      const scope = { ...tenant, pool };
      const friends = new PostgresFriendStore(scope);
      for (let i = 0; i < FRIENDS; i++) await friends.follow(userId(i), new Date(), ['news']);
      const store = new PostgresDeliveryBatches(scope);
      // Before the fix each plan held a connection while its pages waited for another: stuck for good
      const plans = Promise.all(
        ['pub-a', 'pub-b', 'pub-c', 'pub-d'].map((pub) =>
          store.plan(pub, 'multicast', friends.recipientPages('news', 7)),
        ),
      );
      const stuck = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 10_000).unref());
      const planned = await Promise.race([plans, stuck]);
      expect(planned === 'stuck' ? 'stuck' : planned.map((batches) => batches.map((b) => b.planned))).toEqual([
        [FRIENDS],
        [FRIENDS],
        [FRIENDS],
        [FRIENDS],
      ]);
    } finally {
      await pool.end();
    }
  }, 20_000);
});
