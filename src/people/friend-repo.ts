import { z } from 'zod';
import { userRef, type DataKeys } from '../crypto/keys.js';
import { USER_ID } from '../line/ids.js';
import type { PrivateStore } from '../storage/private-store.js';

export const FriendSchema = z.object({
  userId: z.string().regex(USER_ID),
  status: z.enum(['following', 'blocked']),
  firstFollowedAt: z.iso.datetime(),
  changedAt: z.iso.datetime(),
  /** Topic ids the friend receives; kept while blocked so a re-follow restores the choice. */
  topics: z.array(z.string()).default([]),
});
export type Friend = z.infer<typeof FriendSchema>;

/** The account's friends: who follows, since when, and what they chose to receive. */
export class FriendRepo {
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
    const at = now.toISOString();
    const friend: Friend = before
      ? { ...before, status: 'following', changedAt: at }
      : { userId, status: 'following', firstFollowedAt: at, changedAt: at, topics: defaultTopics };
    await this.store.set(this.ref(userId), friend);
    return { friend, refollow: before !== undefined };
  }

  /** Records a block (unfollow). Unknown users are recorded too, so statistics stay right. */
  async unfollow(userId: string, now: Date): Promise<void> {
    const at = now.toISOString();
    const before = this.get(userId);
    await this.store.set(this.ref(userId), before ? { ...before, status: 'blocked', changedAt: at } : { userId, status: 'blocked', firstFollowedAt: at, changedAt: at, topics: [] });
  }

  async setTopics(userId: string, topics: string[], now: Date): Promise<Friend | undefined> {
    const before = this.get(userId);
    if (!before) return undefined;
    const friend = { ...before, topics, changedAt: now.toISOString() };
    await this.store.set(this.ref(userId), friend);
    return friend;
  }

  /** Erases everything kept about the user (PDPA request). */
  erase(userId: string): Promise<void> {
    return this.store.delete(this.ref(userId));
  }

  counts(): { following: number; blocked: number } {
    const following = this.store.refsWhere((f) => f.status === 'following').length;
    return { following, blocked: this.store.size - following };
  }
}
