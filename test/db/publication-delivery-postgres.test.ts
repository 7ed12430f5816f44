import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { PostgresPublicationStore } from '../../src/db/publication-store-postgres.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { createLineGateway, type LineGateway } from '../../src/line/line-gateway.js';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { ClaimedSender, friendRecipients } from '../../src/publications/claimed-sender.js';
import { allRecipients } from '../../src/subscriptions/store/friend-store.js';
import { BATCH_LEASE_MS } from '../../src/publications/delivery-batch-store.js';
import { START_LEASE_MS } from '../../src/publications/publication-store.js';
import type { Publication } from '../../src/publications/publication.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { multicastStandIn, type MulticastStandIn } from '../publications/multicast-stand-in.js';
import {
  samplePublication,
  sampleRefs,
  SAMPLE_MESSAGES as MESSAGES,
  userIdOfRef as userIdOf,
} from '../publications/publication-sample.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
let now = START;
const clock = () => new Date(now);
const TOKEN = 'stand-in-token';

/** One bot process: its own pool, its own claims, its own LINE client. */
function process_(scope: TenantScope, line: Pick<LineGateway, 'multicast' | 'broadcast'>) {
  const batches = new PostgresDeliveryBatches(scope);
  const sender = new ClaimedSender({
    batches,
    line,
    clock,
    logger: createMemoryLogger(),
    messages: () => MESSAGES,
    recipients: (_batch, refs) => ({ refs: [...refs], userIds: refs.map(userIdOf) }),
    onSettled: () => Promise.resolve(),
  });
  return { batches, sender, publications: new PostgresPublicationStore(scope) };
}

/** Rounds until no batch is free to claim. */
async function drain(sender: ClaimedSender, limit: number): Promise<void> {
  while ((await sender.round(limit)) > 0);
}

/** Starts a due publication as Delivery.begin does: batches planned, then saved as sending. */
async function start(p: ReturnType<typeof process_>, pub: Publication, refs: string[]): Promise<void> {
  await p.batches.plan(pub.id, 'multicast', refs);
  await p.publications.save({
    ...pub,
    status: 'sending',
    deliveryState: 'sending',
    publishedAt: clock().toISOString(),
  });
}

function expectEveryoneOnce(line: MulticastStandIn, refs: string[]): void {
  const counts = refs.map((r) => line.delivered.get(userIdOf(r)) ?? 0);
  expect({ missing: counts.filter((n) => n === 0).length, twice: counts.filter((n) => n > 1).length }).toEqual({
    missing: 0,
    twice: 0,
  });
  expect(line.delivered.size).toBe(refs.length);
}

describe.skipIf(!hasPostgres)('publications and their delivery on PostgreSQL: two processes, claims, tenants', () => {
  const db = useMigratedDatabase();
  let line: MulticastStandIn;
  let gateway: LineGateway;
  beforeAll(async () => {
    line = await multicastStandIn(TOKEN);
    gateway = createLineGateway({ channelAccessToken: TOKEN, apiBaseUrl: line.url });
  });
  afterAll(() => line.close());
  const fresh = () => {
    line.delivered.clear();
    line.repeats = 0;
    now = START;
  };

  it('when two processes deliver one publication to 5,000 subscribers, then they share its batches and each subscriber gets it once', async () => {
    fresh();
    const scope = await db().newTenant();
    const [a, b] = [process_(scope, gateway), process_({ ...scope, pool: db().secondPool() }, gateway)];
    const refs = sampleRefs(5000);
    await a.batches.plan('pub-shared-5000', 'multicast', refs);
    await Promise.all([drain(a.sender, 1), drain(b.sender, 1)]);
    expectEveryoneOnce(line, refs);
    expect(line.repeats).toBe(0); // no batch was held by both
    expect(await b.batches.figures('pub-shared-5000')).toEqual({
      recipients: 5000,
      accepted: 5000,
      failed: 0,
      dropped: 0,
      pending: 0,
    });
  });

  it('when one process dies mid-delivery, then the other takes its batches over after the lease with the same retry keys: everyone once, none missing', async () => {
    fresh();
    const scope = await db().newTenant();
    let dead = false;
    let aRequests = 0;
    const dying: Pick<LineGateway, 'multicast' | 'broadcast'> = {
      broadcast: gateway.broadcast,
      // LINE takes A's second request; A dies before it hears the answer (nothing after runs)
      multicast: (to, messages, key) =>
        gateway.multicast(to, messages, key).then((ok) => {
          aRequests += 1;
          if (aRequests < 2) return ok;
          dead = true;
          return new Promise<never>(() => {});
        }),
    };
    const a = process_(scope, dying);
    const b = process_({ ...scope, pool: db().secondPool() }, gateway);
    const refs = sampleRefs(5000);
    const planned = await a.batches.plan('pub-dies-5000', 'multicast', refs);
    const heldByA = await a.batches.claim(clock(), 3);
    void drainClaimed(a.sender, heldByA);
    await drain(b.sender, 1);
    await until(() => dead);
    expect(await b.batches.figures('pub-dies-5000')).toMatchObject({ accepted: 4000, pending: 1000 });
    expect(await b.sender.round(10)).toBe(0); // A's claims still live: left alone
    now += BATCH_LEASE_MS + 1;
    await drain(b.sender, 10);
    expectEveryoneOnce(line, refs);
    expect(line.repeats).toBe(1); // the batch LINE took from A, sent again by B with its key
    const after = await b.batches.batches('pub-dies-5000');
    expect(after.map((x) => [x.retryKey, x.state])).toEqual(planned.map((x) => [x.retryKey, 'accepted']));
    expect(await b.batches.figures('pub-dies-5000')).toMatchObject({ accepted: 5000, pending: 0 });
  });

  it('when a scheduled publication is due while two processes poll, then one starts it and it is sent once', async () => {
    fresh();
    const scope = await db().newTenant();
    const [a, b] = [process_(scope, gateway), process_({ ...scope, pool: db().secondPool() }, gateway)];
    const pub = samplePublication({ publishAt: new Date(START).toISOString() });
    await a.publications.save(pub);
    const refs = sampleRefs(1200);
    const poll = async (p: typeof a) => {
      for (const due of await p.publications.claimDue(clock())) await start(p, due, refs);
    };
    await Promise.all([poll(a), poll(b), poll(a), poll(b)]);
    now += START_LEASE_MS + 1;
    await Promise.all([poll(a), poll(b)]);
    await Promise.all([drain(a.sender, 1), drain(b.sender, 1)]);
    expectEveryoneOnce(line, refs);
    expect(line.repeats).toBe(0);
    expect(await b.publications.get(pub.id)).toMatchObject({ status: 'sending' });
  });

  it('when the process that claimed a due publication dies before starting it, then another starts it after the lease', async () => {
    fresh();
    const scope = await db().newTenant();
    const [a, b] = [process_(scope, gateway), process_({ ...scope, pool: db().secondPool() }, gateway)];
    const pub = samplePublication({ publishAt: new Date(START).toISOString() });
    await a.publications.save(pub);
    expect(await a.publications.claimDue(clock())).toHaveLength(1); // and A dies here
    expect(await b.publications.claimDue(clock())).toEqual([]);
    now += START_LEASE_MS + 1;
    const [taken] = await b.publications.claimDue(clock());
    expect(taken?.id).toBe(pub.id);
  });

  it('when recipients come from the friends in PostgreSQL, then those who unsubscribed before their batch went are dropped, not sent', async () => {
    fresh();
    const scope = await db().newTenant();
    const friends = new PostgresFriendStore(scope);
    const userIds = Array.from({ length: 120 }, (_, i) => `U${i.toString(16).padStart(32, 'a')}`);
    for (const id of userIds) await friends.follow(id, clock(), ['news']);
    const batches = new PostgresDeliveryBatches(scope);
    await batches.plan('pub-friends-120', 'multicast', await allRecipients(friends.recipientPages('news')));
    for (const id of userIds.slice(0, 20)) await friends.unsubscribe(id, clock(), ['news']);
    const sender = new ClaimedSender({
      batches,
      line: gateway,
      clock,
      logger: createMemoryLogger(),
      messages: () => MESSAGES,
      recipients: friendRecipients(friends, () => 'news'),
      onSettled: () => Promise.resolve(),
    });
    await drain(sender, 5);
    expect(new Set(line.delivered.keys())).toEqual(new Set(userIds.slice(20)));
    expect(await batches.figures('pub-friends-120')).toEqual({
      recipients: 120,
      accepted: 100,
      failed: 0,
      dropped: 20,
      pending: 0,
    });
  });

  it('when tenant A queries without its filter, then the database shows and changes none of B’s publications or batches', async () => {
    const [ta, tb] = [await db().newTenant(), await db().newTenant()];
    for (const scope of [ta, tb]) {
      await new PostgresPublicationStore(scope).save(samplePublication());
      await new PostgresDeliveryBatches(scope).plan('pub-wall-0001', 'multicast', sampleRefs(3));
    }
    await expectTenantWall(db(), 'publications', ta.tenantId, tb.tenantId);
    await expectTenantWall(db(), 'delivery_batches', ta.tenantId, tb.tenantId);
  });

  it('when the batches are dumped, then no recipient ref or user id appears, pending or settled', async () => {
    const scope = await db().newTenant();
    const store = new PostgresDeliveryBatches(scope);
    const refs = sampleRefs(4, 'dumpref');
    const [batch] = await store.plan('pub-dump-0001', 'multicast', refs);
    const frozen = await store.freeze(batch!, refs.slice(0, 3), clock());
    const dumpPending = await db().dump(['delivery_batches']);
    await store.settle(frozen, 'accepted', clock());
    const dumpSettled = await db().dump(['delivery_batches']);
    expect(dumpPending).toContain(batch!.retryKey);
    for (const dump of [dumpPending, dumpSettled])
      for (const secret of ['dumpref', userIdOf(refs[0]!)]) expect(dump).not.toContain(secret);
  });
});

/** A's work on batches it already claimed (it dies during it, so this never ends). */
async function drainClaimed(sender: ClaimedSender, claimed: Parameters<ClaimedSender['sendClaimed']>[0]) {
  await sender.sendClaimed(claimed);
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
}
