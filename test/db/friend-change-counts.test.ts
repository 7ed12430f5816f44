import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyPeopleStats, PostgresFriendChangeCounts } from '../../src/db/friend-change-counts.js';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { PeopleStats } from '../../src/staff/people-stats.js';
import { AppendLog } from '../../src/storage/append-log.js';
import type { FriendStore } from '../../src/subscriptions/store/friend-store.js';
import { TOPIC_IDS } from '../../src/subscriptions/topics.js';
import { userId } from '../helpers/events.js';
import { fileFriends } from '../helpers/friend-stores.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

// 23:30 in Bangkok on 31 March is still the first quarter there (16:30 UTC)
const LATE_MARCH = new Date('2026-03-31T16:30:00.000Z');
const APRIL = new Date('2026-04-02T03:00:00.000Z');
const Q1 = [new Date('2025-12-31T17:00:00.000Z'), new Date('2026-03-31T17:00:00.000Z')] as const;
const Q2 = [new Date('2026-03-31T17:00:00.000Z'), new Date('2026-06-30T17:00:00.000Z')] as const;

/** The same friends' story told through `first` and `second` (two processes, or one file twice). */
async function story(first: FriendStore, second: FriendStore): Promise<void> {
  await first.follow(userId(1), LATE_MARCH, [...TOPIC_IDS]);
  await first.follow(userId(2), LATE_MARCH, [...TOPIC_IDS]);
  await second.unsubscribe(userId(2), LATE_MARCH, ['news']);
  await second.follow(userId(3), APRIL, [...TOPIC_IDS]);
  await first.unsubscribe(userId(3), APRIL);
  await second.unfollow(userId(1), APRIL);
  await first.erase(userId(2));
}

describe.skipIf(!hasPostgres)("the report's friends gained and lost, counted in a tenant's rows", () => {
  const db = useMigratedDatabase();

  it('when friends change through two processes, then either reads the same counts by Bangkok day, as the town file counts them', async () => {
    const scope = await db().newTenant();
    await story(new PostgresFriendStore(scope), new PostgresFriendStore({ ...scope, pool: db().secondPool() }));

    const file = await AppendLog.open(path.join(await tempDir(), 'people-stats.jsonl'), { durable: false });
    const town = new PeopleStats(file.log, file.records, () => APRIL);
    const friends = await fileFriends(await tempDir());
    friends.observe(town.observe);
    await story(friends, friends);

    const processes = [
      new PostgresFriendChangeCounts(scope),
      new PostgresFriendChangeCounts({ ...scope, pool: db().secondPool() }),
    ];
    // The first quarter, as the town's file counts it (23:30 on 31 March in Bangkok is March)
    for (const counts of processes) expect(await counts.between(...Q1)).toEqual(town.between(...Q1));
    expect(await processes[0]!.between(...Q1)).toMatchObject({
      friendsGained: 2,
      friendsLost: 0,
      subscribersGained: 2,
      subscribersLost: 0,
      byTopic: { news: { gained: 2, lost: 1 }, report: { gained: 2, lost: 0 } },
    });
    // April: one follow, one who stopped every topic, one block (the erase is counted today, not then)
    expect(await processes[1]!.between(...Q2)).toMatchObject({
      friendsGained: 1,
      friendsLost: 1,
      subscribersGained: 1,
      subscribersLost: 2,
      byTopic: { news: { gained: 1, lost: 2 } },
    });
    await town.close();
  });

  it("when a town's counts are copied into its tenant, then its report shows the same quarters, and a second run copies nothing", async () => {
    const dir = await tempDir();
    const file = await AppendLog.open(path.join(dir, 'state', 'people-stats.jsonl'), { durable: false });
    const town = new PeopleStats(file.log, file.records, () => APRIL);
    const friends = await fileFriends(await tempDir());
    friends.observe(town.observe);
    await story(friends, friends);
    await town.close();
    const scope = await db().newTenant();

    const first = await copyPeopleStats(dir, scope);
    expect([first.copied, first.database]).toEqual([first.files.length, first.files]);
    const counts = new PostgresFriendChangeCounts(scope);
    for (const quarter of [Q1, Q2]) expect(await counts.between(...quarter)).toEqual(town.between(...quarter));
    expect(await copyPeopleStats(dir, scope)).toMatchObject({ copied: 0, database: first.files });
  });

  it('when another tenant reads without its filter, then the database shows none of these counts', async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    for (const scope of [a, b]) await new PostgresFriendStore(scope).follow(userId(9), APRIL, ['news']);
    await expectTenantWall(db(), 'friend_change_counts', a.tenantId, b.tenantId);
  });
});
