import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/crypto/keys.js';
import { FriendRepo, FriendSchema } from '../../src/people/friend-repo.js';
import { AppendLog } from '../../src/storage/append-log.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { fiscalQuarter } from '../../src/staff/fiscal-quarter.js';
import { PeopleStats } from '../../src/staff/people-stats.js';
import { tempDir } from '../helpers/temp-dir.js';
import { userId } from '../helpers/events.js';

const keys = deriveKeys(Buffer.alloc(32, 3));

async function open(dir: string, now: () => Date) {
  const store = await PrivateStore.open(path.join(dir, 'friends.jsonl'), keys.people, FriendSchema);
  const { log, records } = await AppendLog.open(path.join(dir, 'people-stats.jsonl'));
  const stats = new PeopleStats(log, records, now);
  store.observe(stats.observe);
  return { friends: new FriendRepo(store, keys), stats, async close() { await store.close(); await stats.close(); } };
}

describe('people statistics', () => {
  it('when friends follow, block, re-follow and change topics, then each change counts on its Bangkok day, and the counts survive a restart', async () => {
    const dir = await tempDir();
    let now = new Date('2025-12-31T16:30:00Z'); // 23:30 on 31 December in Bangkok: Q1
    const a = await open(dir, () => now);
    await a.friends.follow(userId(1), now, ['news', 'report']);
    now = new Date('2025-12-31T17:30:00Z'); // 00:30 on 1 January: Q2
    await a.friends.follow(userId(2), now, ['news']);
    await a.friends.unfollow(userId(1), now);
    await a.friends.setTopics(userId(2), [], now);
    await a.friends.follow(userId(1), now, ['news']); // re-follow: topics restored (news, report)
    await a.friends.erase(userId(2));
    await a.close();

    const b = await open(dir, () => now);
    const q1 = fiscalQuarter(2569, 1);
    const q2 = fiscalQuarter(2569, 2);
    expect(b.stats.between(q1.from, q1.to)).toMatchObject({ friendsGained: 1, friendsLost: 0, subscribersGained: 1, subscribersLost: 0 });
    expect(b.stats.between(q2.from, q2.to)).toEqual({
      friendsGained: 2, // user 2, and user 1 again
      friendsLost: 2, // user 1 blocked, user 2 erased
      subscribersGained: 2,
      subscribersLost: 2, // user 1 blocked, user 2 unsubscribed from everything
      byTopic: { news: { gained: 2, lost: 2 }, report: { gained: 1, lost: 1 } },
    });
    await b.close();
  });
});
