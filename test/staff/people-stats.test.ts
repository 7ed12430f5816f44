import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/crypto/keys.js';
import { FriendRepo, FriendSchema } from '../../src/subscriptions/store/friend-repo.js';
import { AppendLog } from '../../src/storage/append-log.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { fiscalQuarter } from '../../src/staff/fiscal-quarter.js';
import { PeopleStats } from '../../src/staff/people-stats.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { tempDir } from '../helpers/temp-dir.js';
import { userId } from '../helpers/events.js';

const keys = deriveKeys(Buffer.alloc(32, 3));

async function open(dir: string, now: () => Date) {
  const store = await PrivateStore.open(path.join(dir, 'friends.jsonl'), keys.people, FriendSchema);
  const { log, records } = await AppendLog.open(path.join(dir, 'people-stats.jsonl'));
  const stats = new PeopleStats(log, records, now);
  store.observe(stats.observe);
  return {
    friends: new FriendRepo(store, keys),
    stats,
    async close() {
      await store.close();
      await stats.close();
    },
  };
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
    expect(b.stats.between(q1.from, q1.to)).toMatchObject({
      friendsGained: 1,
      friendsLost: 0,
      subscribersGained: 1,
      subscribersLost: 0,
    });
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

describe('people statistics when the disk refuses', () => {
  it('when a statistics line cannot be written, then the count is kept in memory and the failure is logged without who', async () => {
    const dir = await tempDir();
    const store = await PrivateStore.open(path.join(dir, 'friends.jsonl'), keys.people, FriendSchema);
    const { log, records } = await AppendLog.open(path.join(dir, 'people-stats.jsonl'));
    const failing = Object.assign(Object.create(Object.getPrototypeOf(log) as object) as AppendLog, log, {
      appendMany: () => Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })),
    });
    const logger = createMemoryLogger();
    const now = new Date('2026-01-05T03:00:00Z');
    const stats = new PeopleStats(failing, records, () => now, logger);
    store.observe(stats.observe);
    await new FriendRepo(store, keys).follow(userId(9), now, ['news']);
    await new Promise((r) => setImmediate(r));

    const q2 = fiscalQuarter(2569, 2);
    expect(stats.between(q2.from, q2.to)).toMatchObject({ friendsGained: 1, subscribersGained: 1 });
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'friend statistics not written', error: 'ENOSPC' }),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain(userId(9));
    await store.close();
    await log.close();
  });
});
