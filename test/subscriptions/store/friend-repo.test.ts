import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveKeys } from '../../../src/crypto/keys.js';
import { friendCodec, FriendRepo, FriendSchema, type Friend } from '../../../src/subscriptions/store/friend-repo.js';
import { PrivateStore } from '../../../src/storage/private-store.js';
import { userId } from '../../helpers/events.js';
import { tempDir } from '../../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 5);
const friend = (n: number, topics: string[]): Friend => ({
  userId: userId(n),
  status: n % 2 ? 'following' : 'blocked',
  firstFollowedAt: '2026-01-02T03:04:05.678Z',
  changedAt: '2026-11-26T00:00:00.000Z',
  topics,
});

describe('friends in snapshots', () => {
  it('when friends are snapshotted in the compact form, then they read back the same, topics in any form', async () => {
    const file = path.join(await tempDir('codec-'), 'friends.jsonl');
    const store = await PrivateStore.open(file, KEY, FriendSchema, friendCodec);
    const all = [
      friend(1, ['news', 'report']),
      friend(2, []),
      friend(3, ['report', 'news']),
      friend(4, ['news', 'sports']),
    ];
    await Promise.all(all.map((f, i) => store.set(`ref-${i}`, f)));
    await store.compact();
    await store.close();
    expect(
      (await fs.readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) =>
          Object.keys(JSON.parse(l) as object)
            .sort()
            .join(),
        ),
    ).toEqual(['c,f']);
    const reopened = await PrivateStore.open(file, KEY, FriendSchema, friendCodec);
    expect(reopened.values()).toEqual(all);
    await reopened.close();
  });

  it('when a file was written before the compact form existed, then it still opens', async () => {
    const file = path.join(await tempDir('codec-'), 'friends.jsonl');
    const old = await PrivateStore.open(file, KEY, FriendSchema);
    await old.set('ref-a', friend(1, ['news']));
    await old.compact();
    await old.close();
    const store = await PrivateStore.open(file, KEY, FriendSchema, friendCodec);
    expect(store.get('ref-a')).toEqual(friend(1, ['news']));
    await store.close();
  });

  it.each([
    [['not-a-user', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0], 'userId'],
    [[userId(1), 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0], 'status'],
    [[userId(1), 1, 'yesterday', '2026-01-01T00:00:00.000Z', 0], 'dates'],
    [[userId(1), 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 64], 'topics'],
    [{ userId: userId(1) }, 'not a friend record'],
  ])('when a snapshot holds %j, then decoding names the problem (%s)', (raw, problem) => {
    expect(() => friendCodec.decode(raw)).toThrow(problem);
  });
});

describe('FriendRepo.observe', () => {
  it('when a friend follows, changes topics and blocks, then the observer sees each change before and after', async () => {
    const store = await PrivateStore.open(
      path.join(await tempDir('observe-'), 'friends.jsonl'),
      KEY,
      FriendSchema,
      friendCodec,
    );
    const repo = new FriendRepo(store, deriveKeys(KEY));
    const seen: Array<[string | undefined, string | undefined]> = [];
    repo.observe((before, after) => seen.push([before?.status, after?.status]));
    const now = new Date('2026-11-26T00:00:00Z');
    await repo.follow(userId(1), now, ['news']);
    await repo.setTopics(userId(1), [], now);
    await repo.unfollow(userId(1), now);
    await store.close();
    expect(seen).toEqual([
      [undefined, 'following'],
      ['following', 'following'],
      ['following', 'blocked'],
    ]);
  });
});
