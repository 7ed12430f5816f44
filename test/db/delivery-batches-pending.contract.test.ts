import { expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { BATCH_LEASE_MS, type DeliveryBatchStore } from '../../src/publications/delivery-batch-store.js';
import { Outbox } from '../../src/publications/outbox.js';
import { describeStoreContract } from '../helpers/store-contract.js';
import { sampleRefs } from '../publications/publication-sample.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
let now = START;
const clock = () => new Date(now);

describeStoreContract<DeliveryBatchStore>(
  'delivery batches contract: pending, and the refs of claimed batches',
  (dir) => Outbox.open(dir),
  (scope) => Promise.resolve(new PostgresDeliveryBatches(scope)),
  (fresh) => {
    it('when batches settle one by one, then the publication has pending ones until the last settled, and another has none', async () => {
      now = START;
      const { store } = await fresh();
      const [a, b] = await store.plan('pub-pending-a', 'multicast', sampleRefs(900));
      await store.plan('pub-pending-b', 'multicast', sampleRefs(10));
      expect(await store.hasPending('pub-pending-a')).toBe(true);
      await store.settle(await store.freeze(a!, sampleRefs(500), clock()), 'accepted', clock());
      expect(await store.hasPending('pub-pending-a')).toBe(true);
      await store.settle(b!, 'dropped', clock());
      expect(await store.hasPending('pub-pending-a')).toBe(false);
      expect(await store.hasPending('pub-pending-b')).toBe(true);
      expect(await store.hasPending('pub-pending-none')).toBe(false);
    });

    it('when a claimed batch is frozen with fewer refs, then its refs are the frozen body, also when claimed again after the lease', async () => {
      now = START;
      const { store } = await fresh();
      const refs = sampleRefs(20);
      await store.plan('pub-pending-c', 'multicast', refs);
      const [claimed] = await store.claim(clock(), 1);
      expect(await store.refs(claimed!.id)).toEqual(refs);
      await store.freeze(claimed!, refs.slice(0, 15), clock());
      expect(await store.refs(claimed!.id)).toEqual(refs.slice(0, 15));
      now += BATCH_LEASE_MS + 1;
      const [again] = await store.claim(clock(), 1);
      expect(again).toMatchObject({ id: claimed!.id, sent: 15 });
      expect(await store.refs(again!.id)).toEqual(refs.slice(0, 15));
      expect(await store.refs(again!.id)).toEqual(refs.slice(0, 15)); // asked twice: the same
    });

    it('when a claimed batch is frozen before its refs were asked, then the refs are the frozen body', async () => {
      now = START;
      const { store } = await fresh();
      const refs = sampleRefs(20);
      await store.plan('pub-pending-d', 'multicast', refs);
      const [claimed] = await store.claim(clock(), 1);
      await store.freeze(claimed!, refs.slice(5), clock());
      expect(await store.refs(claimed!.id)).toEqual(refs.slice(5));
    });
  },
);
