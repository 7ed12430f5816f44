import { expect, it } from 'vitest';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { allRecipients, type FriendStore } from '../../src/subscriptions/store/friend-store.js';
import { TOPIC_IDS } from '../../src/subscriptions/topics.js';
import { userId } from '../helpers/events.js';
import { fileFriends } from '../helpers/friend-stores.js';
import { describeStoreContract } from '../helpers/store-contract.js';

const at = (day: number) => new Date(Date.UTC(2026, 2, day, 2));
const ALL = [...TOPIC_IDS];

/** Every ref a listing gives, with the sizes of its pages. */
async function listed(store: FriendStore, topic: string | null, pageSize: number) {
  const pages: string[][] = [];
  for await (const page of store.recipientPages(topic, pageSize)) pages.push(page);
  return { sizes: pages.map((p) => p.length), refs: pages.flat() };
}

/** The user ids behind refs, as a push would read them. */
const usersOf = async (store: FriendStore, refs: string[]) =>
  (await Promise.all(refs.map((r) => store.userIdOf(r)))).sort();

describeStoreContract<FriendStore>(
  'friend store contract',
  fileFriends,
  (scope) => Promise.resolve(new PostgresFriendStore(scope)),
  (fresh) => {
    it('when a friend follows, blocks and follows again, then the second follow is a re-follow that keeps their topics', async () => {
      const { store, reopen } = await fresh();
      const first = await store.follow(userId(1), at(1), ['news']);
      expect(first).toMatchObject({ refollow: false, friend: { status: 'following', topics: ['news'] } });
      await store.unfollow(userId(1), at(2));
      expect(await store.get(userId(1))).toMatchObject({ status: 'blocked', topics: ['news'] });
      const again = await store.follow(userId(1), at(3), ALL);
      expect(again.refollow).toBe(true);
      expect(await (await reopen()).get(userId(1))).toEqual({
        userId: userId(1),
        status: 'following',
        firstFollowedAt: at(1).toISOString(),
        changedAt: at(3).toISOString(),
        topics: ['news'],
      });
      expect(await store.get(userId(2))).toBeUndefined();
    });

    it('when topics are added, removed and replaced, then the friend receives exactly those; an unknown user is not invented by a removal', async () => {
      const { store } = await fresh();
      expect(await store.subscribe(userId(1), ['report', 'news'], at(1))).toMatchObject({
        status: 'following',
        topics: ['news', 'report'],
      });
      expect((await store.unsubscribe(userId(1), at(2), ['news']))?.topics).toEqual(['report']);
      expect((await store.setTopics(userId(1), ['measure'], at(3)))?.topics).toEqual(['measure']);
      expect((await store.unsubscribe(userId(1), at(4)))?.topics).toEqual([]);
      expect(await store.unsubscribe(userId(2), at(4))).toBeUndefined();
      expect(await store.setTopics(userId(2), ['news'], at(4))).toBeUndefined();
      expect(await store.get(userId(2))).toBeUndefined();
    });

    it('when friends follow, block and choose topics, then counts and listings count only followers of each topic, in pages', async () => {
      const { store } = await fresh();
      for (let n = 1; n <= 7; n += 1) await store.follow(userId(n), at(1), n <= 5 ? ['news'] : []);
      await store.subscribe(userId(6), ['report'], at(2));
      await store.unfollow(userId(2), at(2));
      await store.unfollow(userId(99), at(2)); // a friend from before the bot kept records
      expect(await store.counts()).toEqual({ following: 6, blocked: 2 });
      expect(await store.subscriberCount()).toBe(5);
      expect(await store.topicCounts()).toEqual({ news: 4, announcement: 0, procurement: 0, measure: 0, report: 1 });
      const news = await listed(store, 'news', 3);
      expect(news.sizes).toEqual([3, 1]);
      expect(new Set(news.refs).size).toBe(4);
      expect(await usersOf(store, news.refs)).toEqual([1, 3, 4, 5].map((n) => userId(n)));
      const everyone = await listed(store, null, 2);
      expect(everyone.sizes).toEqual([2, 2, 2]);
      expect(await usersOf(store, everyone.refs)).toEqual([1, 3, 4, 5, 6, 7].map((n) => userId(n)));
      expect(await allRecipients(store.recipientPages('procurement'))).toEqual([]);
    });

    it('when a recipient unfollows, unsubscribes or is erased, then a push finds no user id for them', async () => {
      const { store } = await fresh();
      for (const n of [1, 2, 3]) await store.follow(userId(n), at(1), ['news', 'report']);
      const refOf = async (n: number) => {
        for (const r of (await listed(store, null, 10)).refs) if ((await store.userIdOf(r)) === userId(n)) return r;
        throw new Error(`no ref for friend ${n}`);
      };
      const [a, b, c] = [await refOf(1), await refOf(2), await refOf(3)];
      await store.unfollow(userId(1), at(2));
      await store.unsubscribe(userId(2), at(2), ['news']);
      await store.erase(userId(3));
      expect(await store.recipient(a, 'news')).toBeNull();
      expect(await store.userIdOf(a)).toBe(userId(1));
      expect(await store.recipient(b, 'news')).toBeNull();
      expect(await store.recipient(b, 'report')).toBe(userId(2));
      expect(await store.recipient(b)).toBe(userId(2));
      const batch = [a, b, c, 'not-a-ref'];
      expect(Object.fromEntries(await store.userIdsOf(batch, { topic: 'news' }))).toEqual({});
      expect(Object.fromEntries(await store.userIdsOf(batch, { topic: 'report' }))).toEqual({ [b]: userId(2) });
      expect(Object.fromEntries(await store.userIdsOf(batch, {}))).toEqual({ [b]: userId(2) });
      expect(Object.fromEntries(await store.userIdsOf(batch))).toEqual({ [a]: userId(1), [b]: userId(2) });
      expect([await store.recipient(c), await store.userIdOf(c), await store.get(userId(3))]).toEqual([
        null,
        null,
        undefined,
      ]);
    });

    it('when retention runs, then only friends who blocked before the cutoff are forgotten, for good', async () => {
      const { store, reopen } = await fresh();
      for (const n of [1, 2, 3]) await store.follow(userId(n), at(1), ['news']);
      await store.unfollow(userId(1), at(2));
      await store.unfollow(userId(2), at(9));
      expect(await store.purgeBlocked(at(5))).toBe(1);
      await store.dropErased();
      const again = await reopen();
      expect([await again.get(userId(1)), (await again.get(userId(2)))?.status]).toEqual([undefined, 'blocked']);
      expect(await again.counts()).toEqual({ following: 1, blocked: 1 });
    });

    it('when friends change, then the observer sees each record before and after, and an erasure as gone', async () => {
      const { store } = await fresh();
      const seen: Array<[string | undefined, string | undefined]> = [];
      store.observe((b, a) => seen.push([b?.status, a ? `${a.status}:${a.topics.join('+')}` : undefined]));
      await store.follow(userId(1), at(1), ['news']);
      await store.subscribe(userId(1), ['report'], at(2));
      await store.unfollow(userId(1), at(3));
      await store.erase(userId(1));
      expect(seen).toEqual([
        [undefined, 'following:news'],
        ['following', 'following:news+report'],
        ['following', 'blocked:news+report'],
        ['blocked', undefined],
      ]);
    });
  },
);
