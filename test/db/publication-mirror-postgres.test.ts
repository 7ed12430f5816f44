import { describe, expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { PostgresPublicationStore } from '../../src/db/publication-store-postgres.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { LineApiError } from '../../src/line/line-gateway.js';
import { ClaimedSender } from '../../src/publications/claimed-sender.js';
import { Delivery } from '../../src/publications/delivery.js';
import { PublicationMirror } from '../../src/publications/publication-mirror.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import {
  samplePublication,
  sampleRefs,
  SAMPLE_MESSAGES as MESSAGES,
  userIdOfRef as userIdOf,
} from '../publications/publication-sample.js';

const NOW = new Date('2026-03-01T02:00:00.000Z');

/** One process's view of a tenant's publications: its own pool, stores and mirror. */
function processOn(scope: TenantScope) {
  const store = new PostgresPublicationStore(scope);
  const batches = new PostgresDeliveryBatches(scope);
  return { store, batches, mirror: new PublicationMirror(store, batches) };
}

describe.skipIf(!hasPostgres)("a tenant's publications as another process's chat and console read them", () => {
  const db = useMigratedDatabase();

  it('when one process publishes and delivers, then another sees it after its next refresh, with the figures as they were then', async () => {
    const scope = await db().newTenant();
    const a = processOn(scope);
    const b = processOn({ ...scope, pool: db().secondPool() });
    const pub = samplePublication();
    await a.store.save({ ...pub, status: 'sending', deliveryState: 'sending', publishedAt: NOW.toISOString() });
    const [batch] = await a.batches.plan(pub.id, 'multicast', sampleRefs(3));
    expect(b.mirror.list()).toEqual([]);

    await b.mirror.refresh();
    expect(b.mirror.published().map((p) => p.id)).toEqual([pub.id]);
    expect(b.mirror.view(b.mirror.get(pub.id)!).delivery).toMatchObject({ recipients: 3, pending: 3, accepted: 0 });

    await a.batches.settle(await a.batches.freeze(batch!, sampleRefs(3), NOW), 'accepted', NOW);
    await a.store.save({ ...pub, status: 'sent', deliveryState: 'done', publishedAt: NOW.toISOString() });
    // Until it reads again, B shows what it read last
    expect(b.mirror.view(b.mirror.get(pub.id)!).delivery).toMatchObject({ pending: 3, accepted: 0 });
    await b.mirror.refresh();
    expect(b.mirror.get(pub.id)?.status).toBe('sent');
    expect(b.mirror.view(b.mirror.get(pub.id)!).delivery).toMatchObject({ recipients: 3, accepted: 3, pending: 0 });
    expect(b.mirror.countPublished(NOW, new Date(NOW.getTime() + 1))).toBe(1);
  });

  it("when a process saves a publication itself, then its own mirror shows it at once, another's only after refresh", async () => {
    const scope = await db().newTenant();
    const a = processOn(scope);
    const b = processOn({ ...scope, pool: db().secondPool() });
    await Promise.all([a.mirror.refresh(), b.mirror.refresh()]);
    const pub = samplePublication();
    await a.store.save(pub);
    a.mirror.note(pub);
    expect([a.mirror.get(pub.id)?.id, b.mirror.get(pub.id)]).toEqual([pub.id, undefined]);
    expect(a.mirror.view(pub).delivery).toMatchObject({ recipients: 0, state: 'waiting' });
    await b.mirror.refresh();
    expect(b.mirror.list().map((p) => p.id)).toEqual([pub.id]);
  });

  it('when the process that settled the last batch stopped before marking the publication sent, then another marks it at its next look', async () => {
    const scope = await db().newTenant();
    const dead = processOn(scope);
    const pub = samplePublication({ status: 'sending', deliveryState: 'sending', publishedAt: NOW.toISOString() });
    await dead.store.save(pub);
    const batches = await dead.batches.plan(pub.id, 'multicast', sampleRefs(700));
    const alive = processOn({ ...scope, pool: db().secondPool() });
    const delivery = new Delivery({
      store: alive.store,
      batches: alive.batches,
      sender: () => ({ enqueue() {}, park() {}, idle: () => Promise.resolve(), close: () => Promise.resolve() }),
      friends: {
        counts: () => ({ following: 0, blocked: 0 }),
        recipientPages: async function* () {},
        userIdsOf: () => new Map(),
      },
      clock: () => NOW,
      logger: createMemoryLogger(),
      agencyName: () => 'เทศบาลตำบลหนองบัว',
      onSaved: () => undefined,
      onPublished: () => undefined,
    });
    await dead.batches.settle(batches[0]!, 'accepted', NOW);
    await delivery.finishSettled(await alive.store.list());
    expect((await alive.store.get(pub.id))?.status).toBe('sending');
    await dead.batches.settle(batches[1]!, 'accepted', NOW);
    await delivery.finishSettled(await alive.store.list());
    expect(await alive.store.get(pub.id)).toMatchObject({
      status: 'sent',
      deliveryState: 'done',
      finishedAt: NOW.toISOString(),
    });
  });

  it('when LINE says the monthly limit is reached, then the publication is paused and its batches are not sent until it is resumed', async () => {
    const scope = await db().newTenant();
    const { store, batches } = processOn(scope);
    const pub = samplePublication({ status: 'sending', deliveryState: 'sending', publishedAt: NOW.toISOString() });
    await store.save(pub);
    await batches.plan(pub.id, 'multicast', sampleRefs(600));
    let now = NOW.getTime();
    const sent: string[][] = [];
    let quota = true;
    const sender = new ClaimedSender({
      batches: new PostgresDeliveryBatches(scope, 1000),
      line: {
        multicast: (to) => {
          if (quota)
            return Promise.reject(
              new LineApiError('multicast', 429, '{"message":"You have reached your monthly limit."}', 'r-1'),
            );
          sent.push(to);
          return Promise.resolve({ requestId: `r-${sent.length + 1}` });
        },
        broadcast: () => Promise.reject(new Error('no broadcast here')),
      },
      clock: () => new Date(now),
      logger: createMemoryLogger(),
      messages: () => MESSAGES,
      recipients: (_batch, refs) => ({ refs: [...refs], userIds: refs.map(userIdOf) }),
      onSettled: () => Promise.resolve(),
      onQuota: async (id) => store.save({ ...(await store.get(id))!, deliveryState: 'quota-exhausted' }),
      held: async (id) => (await store.get(id))?.deliveryState === 'quota-exhausted',
    });

    expect(await sender.round(1)).toBe(1);
    expect((await store.get(pub.id))?.deliveryState).toBe('quota-exhausted');
    quota = false;
    // Paused: leases run out and the batches are claimed again, but nothing goes
    now += 2000;
    expect(await sender.round(10)).toBe(2);
    expect(sent).toEqual([]);
    await store.save({ ...(await store.get(pub.id))!, deliveryState: 'sending' });
    now += 2000;
    expect(await sender.round(10)).toBe(2);
    expect(sent.map((to) => to.length)).toEqual([500, 100]);
    expect(await batches.figures(pub.id)).toMatchObject({ accepted: 600, pending: 0 });
  });
});
