import { z } from 'zod';
import { userRef, type DataKeys } from '../../crypto/keys.js';
import { USER_ID } from '../../line/ids.js';
import type { PrivateStore, SnapshotCodec } from '../../storage/private-store.js';
import { TOPIC_IDS } from '../topics.js';
import { friendChanges, receives } from './friend-changes.js';
import { FRIEND_PAGE, type FriendStore } from './friend-store.js';

export const FriendSchema = z.object({
  userId: z.string().regex(USER_ID),
  status: z.enum(['following', 'blocked']),
  firstFollowedAt: z.iso.datetime(),
  changedAt: z.iso.datetime(),
  /** Topic ids the friend receives; kept while blocked so a re-follow restores the choice. */
  topics: z.array(z.string()).default([]),
});
export type Friend = z.infer<typeof FriendSchema>;

/**
 * A friend in the friends file's snapshots: `[userId, following 1|0, firstFollowedAt,
 * changedAt, topics]`, topics as a bit mask of TOPIC_IDS (or the ids, should one be unknown).
 * Half the JSON of the object form, checked by hand rather than by zod, so 100,000 friends
 * open in about half the time.
 */
export const friendCodec: SnapshotCodec<Friend> = {
  encode: (f) => [f.userId, f.status === 'following' ? 1 : 0, f.firstFollowedAt, f.changedAt, topicMask(f.topics)],
  decode(raw) {
    if (!Array.isArray(raw) || raw.length !== 5) throw new Error('not a friend record');
    const [userId, following, first, changed, topics] = raw as unknown[];
    if (typeof userId !== 'string' || !USER_ID.test(userId)) throw new Error('userId is not a LINE user id');
    if (following !== 0 && following !== 1) throw new Error('status is not valid');
    if (typeof first !== 'string' || typeof changed !== 'string' || !ISO_UTC.test(first) || !ISO_UTC.test(changed))
      throw new Error('dates are not valid');
    return {
      userId,
      status: following ? 'following' : 'blocked',
      firstFollowedAt: first,
      changedAt: changed,
      topics: maskTopics(topics),
    };
  },
};

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;

function topicMask(topics: readonly string[]): number | string[] {
  const mask = TOPIC_IDS.reduce((m, t, bit) => (topics.includes(t) ? m | (1 << bit) : m), 0);
  const inOrder = TOPIC_IDS.filter((t) => topics.includes(t));
  return inOrder.length === topics.length && inOrder.every((t, i) => topics[i] === t) ? mask : [...topics];
}

function maskTopics(raw: unknown): string[] {
  if (Array.isArray(raw) && raw.every((t) => typeof t === 'string')) return raw;
  if (!Number.isInteger(raw) || (raw as number) < 0 || (raw as number) >= 1 << TOPIC_IDS.length)
    throw new Error('topics are not valid');
  return TOPIC_IDS.filter((_, bit) => ((raw as number) & (1 << bit)) !== 0);
}

/** The account's friends: who follows, since when, and what they chose to receive. */
export class FriendRepo implements FriendStore {
  constructor(
    private readonly store: PrivateStore<Friend>,
    private readonly keys: DataKeys,
  ) {}

  private ref(userId: string): string {
    return userRef(this.keys, userId);
  }

  get(userId: string): Friend | undefined {
    return this.store.get(this.ref(userId));
  }

  /** Records a follow; `refollow` is true when the user had followed before (then blocked). */
  async follow(userId: string, now: Date, defaultTopics: string[]): Promise<{ friend: Friend; refollow: boolean }> {
    const before = this.get(userId);
    const friend = friendChanges.follow(before, userId, now.toISOString(), defaultTopics);
    await this.store.set(this.ref(userId), friend);
    return { friend, refollow: before !== undefined };
  }

  /** Records a block (unfollow), for unknown users too (see friendChanges.unfollow). */
  async unfollow(userId: string, now: Date): Promise<void> {
    await this.store.set(this.ref(userId), friendChanges.unfollow(this.get(userId), userId, now.toISOString()));
  }

  setTopics(userId: string, topics: string[], now: Date): Promise<Friend | undefined> {
    return this.saveIf(userId, friendChanges.setTopics(this.get(userId), now.toISOString(), topics));
  }

  /** Adds topics to what the user receives (see friendChanges.subscribe). */
  async subscribe(userId: string, topics: readonly string[], now: Date): Promise<Friend> {
    const friend = friendChanges.subscribe(this.get(userId), userId, now.toISOString(), topics);
    await this.store.set(this.ref(userId), friend);
    return friend;
  }

  /** Removes topics (all of them when `topics` is omitted); undefined for a user the bot does not know. */
  unsubscribe(userId: string, now: Date, topics?: readonly string[]): Promise<Friend | undefined> {
    return this.saveIf(userId, friendChanges.unsubscribe(this.get(userId), now.toISOString(), topics));
  }

  private async saveIf(userId: string, friend: Friend | undefined): Promise<Friend | undefined> {
    if (friend) await this.store.set(this.ref(userId), friend);
    return friend;
  }

  /** Erases everything kept about the user (PDPA request). */
  erase(userId: string): Promise<void> {
    return this.store.delete(this.ref(userId));
  }

  /** Calls `fn` with a friend before and after each change (follows, blocks, topics), for statistics. */
  observe(fn: (before: Readonly<Friend> | undefined, after: Readonly<Friend> | undefined) => void): void {
    this.store.observe(fn);
  }

  counts(): { following: number; blocked: number } {
    const following = this.store.refsWhere((f) => f.status === 'following').length;
    return { following, blocked: this.store.size - following };
  }

  /** Friends who follow and receive at least one topic. */
  subscriberCount(): number {
    return this.store.refsWhere((f) => f.status === 'following' && f.topics.length > 0).length;
  }

  topicCounts(): Record<string, number> {
    return Object.fromEntries(TOPIC_IDS.map((t) => [t, this.subscriberRefs(t).length]));
  }

  /** The refs of subscriberRefs or followingRefs, in the file's order, in pages (the FriendStore listing). */
  async *recipientPages(topic: string | null, pageSize = FRIEND_PAGE): AsyncIterable<string[]> {
    const refs = topic === null ? this.followingRefs() : this.subscriberRefs(topic);
    for (let i = 0; i < refs.length; i += pageSize) yield refs.slice(i, i + pageSize);
  }

  /** Pseudonymous refs of the friends who receive `topic` now (a fan-out's recipients). */
  subscriberRefs(topic: string): string[] {
    return this.store.refsWhere((f) => f.status === 'following' && f.topics.includes(topic));
  }

  /** Refs of every friend who follows (a broadcast reaches them all). */
  followingRefs(): string[] {
    return this.store.refsWhere((f) => f.status === 'following');
  }

  /**
   * The user id behind `ref` if they still follow (and still receive `topic`, when given);
   * null for someone who unfollowed, unsubscribed or erased their data since.
   */
  recipient(ref: string, topic?: string): string | null {
    const friend = this.store.peek(ref);
    return receives(friend, topic) ? friend.userId : null;
  }

  /** The user id behind `ref` whatever their status; null once their data is erased. */
  userIdOf(ref: string): string | null {
    return this.store.peek(ref)?.userId ?? null;
  }

  userIdsOf(refs: readonly string[], receiving?: { topic?: string }): Map<string, string> {
    const found = new Map<string, string>();
    for (const ref of refs) {
      const userId = receiving ? this.recipient(ref, receiving.topic) : this.userIdOf(ref);
      if (userId !== null) found.set(ref, userId);
    }
    return found;
  }

  /** Erases friends who blocked the account before `cutoff` (the retention the privacy notice states). */
  async purgeBlocked(cutoff: Date): Promise<number> {
    const at = cutoff.toISOString();
    const refs = this.store.refsWhere((f) => f.status === 'blocked' && f.changedAt < at);
    await Promise.all(refs.map((ref) => this.store.delete(ref)));
    return refs.length;
  }

  /** Rewrites the file when records were erased, so their sealed lines leave the disk too. */
  async dropErased(): Promise<void> {
    if (this.store.hasDeletions) await this.store.compact();
  }
}
