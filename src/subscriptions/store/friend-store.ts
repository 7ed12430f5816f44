import type { Awaitable } from '../../storage/awaitable.js';
import type { Friend } from './friend-repo.js';

/** How many refs one page of a recipient listing holds, unless the caller asks otherwise. */
export const FRIEND_PAGE = 5000;

/**
 * The account's friends, wherever they are kept: FriendRepo (the town's sealed file, answers
 * from memory) or PostgresFriendStore (a tenant's rows, answers over the network). Friends are
 * keyed by a pseudonymous ref (an HMAC of the LINE user id); the user id itself is only ever
 * stored sealed, and handed out for a push (recipient, userIdOf).
 */
export interface FriendStore {
  get(userId: string): Awaitable<Friend | undefined>;
  /** Records a follow; `refollow` is true when the user had followed before (then blocked). */
  follow(userId: string, now: Date, defaultTopics: string[]): Promise<{ friend: Friend; refollow: boolean }>;
  /** Records a block (unfollow), for unknown users too. */
  unfollow(userId: string, now: Date): Promise<void>;
  setTopics(userId: string, topics: string[], now: Date): Promise<Friend | undefined>;
  subscribe(userId: string, topics: readonly string[], now: Date): Promise<Friend>;
  unsubscribe(userId: string, now: Date, topics?: readonly string[]): Promise<Friend | undefined>;
  /** Erases everything kept about the user (PDPA request). */
  erase(userId: string): Promise<void>;
  /**
   * Calls `fn` with a friend before and after each change this process makes, for statistics.
   * (Changes made by another process sharing the database are seen by that process's observer.)
   */
  observe(fn: (before: Readonly<Friend> | undefined, after: Readonly<Friend> | undefined) => void): void;
  counts(): Awaitable<{ following: number; blocked: number }>;
  /** Friends who follow and receive at least one topic. */
  subscriberCount(): Awaitable<number>;
  /** How many following friends receive each topic. */
  topicCounts(): Awaitable<Record<string, number>>;
  /**
   * Refs of the friends who receive `topic` now (null: every friend who follows), in pages of
   * at most `pageSize`, each ref once, in a stable order (by ref in PostgreSQL, the file's own
   * order in FriendRepo, so a town's batches are made as before), so 100,000 recipients
   * never sit in one array.
   */
  recipientPages(topic: string | null, pageSize?: number): AsyncIterable<string[]>;
  /**
   * The user id behind `ref` if they still follow (and still receive `topic`, when given);
   * null for someone who unfollowed, unsubscribed or erased their data since.
   */
  recipient(ref: string, topic?: string): Awaitable<string | null>;
  /** The user id behind `ref` whatever their status; null once their data is erased. */
  userIdOf(ref: string): Awaitable<string | null>;
  /**
   * A batch's pushes in one read: the user ids behind `refs`, of those still receiving
   * (following, and on `receiving.topic` when given) when `receiving` is passed, else of every
   * ref not erased. Refs without a user id are left out of the map.
   */
  userIdsOf(refs: readonly string[], receiving?: { topic?: string }): Awaitable<Map<string, string>>;
  /** Erases friends who blocked the account before `cutoff`; returns how many. */
  purgeBlocked(cutoff: Date): Promise<number>;
  /** Lets erased records leave storage (the file store rewrites its file; a database has nothing to do). */
  dropErased(): Promise<void>;
}

/** Every ref of a paged listing in one array, for callers that still take one (small audiences, tests). */
export async function allRecipients(pages: AsyncIterable<string[]>): Promise<string[]> {
  const refs: string[] = [];
  for await (const page of pages) refs.push(...page);
  return refs;
}
