import { expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { BATCH_LEASE_MS, type DeliveryBatchStore } from '../../src/publications/delivery-batch-store.js';
import { Outbox } from '../../src/publications/outbox.js';
import { describeStoreContract } from '../helpers/store-contract.js';
import { sampleRefs } from '../publications/publication-sample.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
let now = START;
const clock = () => new Date(now);
const ids = (batches: Array<{ id: string }>) => batches.map((b) => b.id);

describeStoreContract<DeliveryBatchStore>(
  'delivery batches contract',
  (dir) => Outbox.open(dir),
  (scope) => Promise.resolve(new PostgresDeliveryBatches(scope)),
  (fresh) => {
    it('when 1,201 subscribers are planned, then three batches of 500, 500 and 201 with their own retry keys and refs', async () => {
      const { store } = await fresh();
      const refs = sampleRefs(1201);
      const batches = await store.plan('pub-contract-a', 'multicast', refs);
      expect(batches.map((b) => [b.id, b.n, b.planned, b.state])).toEqual([
        ['pub-contract-a/0', 0, 500, 'pending'],
        ['pub-contract-a/1', 1, 500, 'pending'],
        ['pub-contract-a/2', 2, 201, 'pending'],
      ]);
      expect(new Set(batches.map((b) => b.retryKey)).size).toBe(3);
      expect(await store.refs('pub-contract-a/2')).toEqual(refs.slice(1000));
      expect(await store.figures('pub-contract-a')).toEqual({
        recipients: 1201,
        accepted: 0,
        failed: 0,
        dropped: 0,
        pending: 1201,
      });
    });

    it('when the refs come in pages (as the friends store lists them), then the batches are the same as from one list', async () => {
      const { store } = await fresh();
      const refs = sampleRefs(2_501);
      async function* pages() {
        for (const size of [700, 1_301, 500]) yield refs.splice(0, size);
      }
      const all = [...refs];
      const batches = await store.plan('pub-contract-pages', 'multicast', pages());
      expect(batches.map((b) => [b.n, b.planned])).toEqual([
        [0, 500],
        [1, 500],
        [2, 500],
        [3, 500],
        [4, 500],
        [5, 1],
      ]);
      expect(await store.refs('pub-contract-pages/1')).toEqual(all.slice(500, 1000));
      expect(await store.refs('pub-contract-pages/5')).toEqual(all.slice(2500));
      expect(new Set(batches.map((b) => b.retryKey)).size).toBe(6);
    });

    it('when batches are claimed, then each is handed out once during its lease and again after it, with the same retry key', async () => {
      now = START;
      const { store } = await fresh();
      const planned = await store.plan('pub-contract-b', 'multicast', sampleRefs(1500));
      const first = await store.claim(clock(), 2);
      const second = await store.claim(clock(), 10);
      expect(first).toHaveLength(2);
      expect([...ids(first), ...ids(second)]).toEqual(ids(planned));
      expect(await store.claim(clock(), 10)).toEqual([]);
      now += BATCH_LEASE_MS + 1;
      const again = await store.claim(clock(), 10);
      expect(again.map((b) => b.retryKey)).toEqual(planned.map((b) => b.retryKey));
    });

    it('when a batch is frozen twice, then the first body stays and the figures count the dropped', async () => {
      now = START;
      const { store } = await fresh();
      const refs = sampleRefs(10);
      const [batch] = await store.plan('pub-contract-c', 'multicast', refs);
      const frozen = await store.freeze(batch!, refs.slice(0, 8), clock());
      expect(frozen).toMatchObject({ sent: 8, frozenAt: clock().toISOString() });
      now += 1000;
      const again = await store.freeze(batch!, refs.slice(0, 3), clock());
      expect(again).toMatchObject({ sent: 8, frozenAt: new Date(START).toISOString() });
      expect(await store.refs(batch!.id)).toEqual(refs.slice(0, 8));
      expect(await store.figures('pub-contract-c')).toMatchObject({ recipients: 10, dropped: 2, pending: 8 });
    });

    it('when a batch is settled, then its recipients are gone, it is never claimed again, and a second settle changes nothing', async () => {
      now = START;
      const { store } = await fresh();
      const [a, b] = await store.plan('pub-contract-d', 'multicast', sampleRefs(700));
      const [claimed] = await store.claim(clock(), 1);
      const frozen = await store.freeze(claimed!, await store.refs(claimed!.id), clock());
      const settled = await store.settle({ ...frozen, attempts: 1, requestId: 'req-1' }, 'accepted', clock());
      expect(settled).toMatchObject({ id: a!.id, state: 'accepted', attempts: 1, requestId: 'req-1' });
      expect(await store.refs(a!.id)).toEqual([]);
      const late = await store.settle(frozen, 'failed', clock(), {
        error: { status: 400, message: 'late', requestId: null },
      });
      expect(late).toMatchObject({ state: 'accepted', error: null });
      now += BATCH_LEASE_MS + 1;
      expect(ids(await store.claim(clock(), 10))).toEqual([b!.id]);
      expect(await store.figures('pub-contract-d')).toMatchObject({ accepted: 500, pending: 200 });
    });

    it('when the store is opened again after a stop, then the pending batches are there with their retry keys and bodies', async () => {
      now = START;
      const { store, reopen } = await fresh();
      const planned = await store.plan('pub-contract-e', 'multicast', sampleRefs(600));
      await store.freeze(planned[0]!, sampleRefs(499), clock());
      await store.close();
      const reopened = await reopen();
      now += BATCH_LEASE_MS + 1;
      const claimed = await reopened.claim(clock(), 10);
      expect(claimed.map((b) => [b.retryKey, b.sent])).toEqual([
        [planned[0]!.retryKey, 499],
        [planned[1]!.retryKey, null],
      ]);
      expect(await reopened.refs(planned[0]!.id)).toEqual(sampleRefs(499));
    });

    it('when the figures of several publications are asked at once, then each has its own, and one without batches none', async () => {
      now = START;
      const { store } = await fresh();
      const [first] = await store.plan('pub-contract-g', 'multicast', sampleRefs(700));
      await store.plan('pub-contract-h', 'multicast', sampleRefs(30));
      await store.settle(await store.freeze(first!, sampleRefs(480), clock()), 'accepted', clock());
      const figures = await store.figuresOf(['pub-contract-g', 'pub-contract-h', 'pub-contract-none']);
      expect(Object.fromEntries(figures)).toEqual({
        'pub-contract-g': { recipients: 700, accepted: 480, failed: 0, dropped: 20, pending: 200 },
        'pub-contract-h': { recipients: 30, accepted: 0, failed: 0, dropped: 0, pending: 30 },
      });
      expect(figures.get('pub-contract-g')).toEqual(await store.figures('pub-contract-g'));
    });

    it('when an urgent publication is planned, then one broadcast batch counts every friend and holds no refs', async () => {
      const { store } = await fresh();
      const [batch, ...rest] = await store.plan('pub-contract-f', 'broadcast', [], 4321);
      expect(rest).toEqual([]);
      expect(batch).toMatchObject({ kind: 'broadcast', planned: 4321, state: 'pending' });
      expect(await store.refs(batch!.id)).toEqual([]);
    });
  },
);
