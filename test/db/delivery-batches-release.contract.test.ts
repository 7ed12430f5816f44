import { expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { BATCH_LEASE_MS, type DeliveryBatchStore } from '../../src/publications/delivery-batch-store.js';
import { Outbox } from '../../src/publications/outbox.js';
import { describeStoreContract } from '../helpers/store-contract.js';
import { sampleRefs } from '../publications/publication-sample.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
let now = START;
const clock = () => new Date(now);
const at = (ms: number) => new Date(START + ms);

describeStoreContract<DeliveryBatchStore>(
  'delivery batches let go after an attempt (release, wake)',
  (dir) => Outbox.open(dir),
  (scope) => Promise.resolve(new PostgresDeliveryBatches(scope)),
  (fresh) => {
    it('when a claimed batch is released with a time, then nobody claims it before that time, and it comes back with its attempt and retry key', async () => {
      now = START;
      const { store } = await fresh();
      const [planned] = await store.plan('pub-release-a', 'multicast', sampleRefs(30));
      const [claimed] = await store.claim(clock(), 1);
      const tried = { ...claimed!, attempts: 1, lastAttemptAt: clock().toISOString(), requestId: 'req-1' };
      expect(await store.release(tried, at(1500))).toMatchObject({ attempts: 1, requestId: 'req-1', state: 'pending' });
      now = START + 1499;
      expect(await store.claim(clock(), 10)).toEqual([]);
      now = START + 1500;
      const [again] = await store.claim(clock(), 10);
      expect(again).toMatchObject({ id: planned!.id, retryKey: planned!.retryKey, attempts: 1, requestId: 'req-1' });
      expect(await store.refs(planned!.id)).toHaveLength(30);
    });

    it('when a batch is released without a time, then it is claimable when its lease would have ended, and waking its publication makes it claimable at once', async () => {
      now = START;
      const { store } = await fresh();
      await store.plan('pub-release-b', 'multicast', sampleRefs(600));
      await store.plan('pub-release-other', 'multicast', sampleRefs(5));
      const claimed = await store.claim(clock(), 10);
      for (const b of claimed) await store.release(b);
      now = START + BATCH_LEASE_MS - 1;
      expect(await store.claim(clock(), 10)).toEqual([]);
      await store.wake('pub-release-b');
      expect((await store.claim(clock(), 10)).map((b) => b.id)).toEqual(['pub-release-b/0', 'pub-release-b/1']);
      // Another publication's batches are not woken
      now = START + BATCH_LEASE_MS;
      expect((await store.claim(clock(), 10)).map((b) => b.id)).toEqual(['pub-release-other/0']);
    });
  },
);
