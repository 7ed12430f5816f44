import { TOPIC_IDS } from '../topics.js';
import type { Friend } from './friend-repo.js';

/**
 * What each change does to a friend record, as pure functions of the record before it, so the
 * file store and the PostgreSQL store apply the same rules. `undefined` before: a user the bot
 * has no record of.
 */
export const friendChanges = {
  /** A follow: a returning friend keeps their topics; a new one gets `defaultTopics`. */
  follow(before: Friend | undefined, userId: string, at: string, defaultTopics: readonly string[]): Friend {
    return before
      ? { ...before, status: 'following', changedAt: at }
      : { userId, status: 'following', firstFollowedAt: at, changedAt: at, topics: [...defaultTopics] };
  },

  /**
   * A block. Unknown users (friends from before the bot kept records) are recorded too, so
   * statistics stay right, with the topics every friend had: a re-follow restores them.
   */
  unfollow(before: Friend | undefined, userId: string, at: string): Friend {
    return before
      ? { ...before, status: 'blocked', changedAt: at }
      : { userId, status: 'blocked', firstFollowedAt: at, changedAt: at, topics: [...TOPIC_IDS] };
  },

  /**
   * Topics added. A user the bot has not met is recorded as following, since only a friend
   * can write to the account.
   */
  subscribe(before: Friend | undefined, userId: string, at: string, topics: readonly string[]): Friend {
    const chosen = new Set([...(before?.topics ?? []), ...topics]);
    return {
      ...(before ?? { userId, firstFollowedAt: at }),
      status: 'following',
      changedAt: at,
      topics: TOPIC_IDS.filter((t) => chosen.has(t)),
    };
  },

  /** Topics removed (all of them when `topics` is omitted); nothing for an unknown user. */
  unsubscribe(before: Friend | undefined, at: string, topics?: readonly string[]): Friend | undefined {
    if (!before) return undefined;
    return { ...before, topics: topics ? before.topics.filter((t) => !topics.includes(t)) : [], changedAt: at };
  },

  /** The topics replaced; nothing for an unknown user. */
  setTopics(before: Friend | undefined, at: string, topics: string[]): Friend | undefined {
    return before ? { ...before, topics, changedAt: at } : undefined;
  },
};

/** Whether `friend` receives a publication: following, and on `topic` when one is given. */
export function receives(friend: Readonly<Friend> | undefined, topic?: string): friend is Friend {
  return friend?.status === 'following' && (topic === undefined || friend.topics.includes(topic));
}

/** What the quarterly report counts of one change: follows, blocks, subscribes, unsubscribes, per topic. No one's id. */
export interface CountedChange {
  k: 'friend+' | 'friend-' | 'sub+' | 'sub-' | 'topic+' | 'topic-';
  t?: string;
}

const following = (f: Readonly<Friend> | undefined) => f?.status === 'following';
const topicsOf = (f: Readonly<Friend> | undefined) => (following(f) ? f!.topics : []);

/**
 * The counted changes between a friend record before and after a change (undefined: no
 * record), the same for the town's statistics file and a tenant's rows.
 */
export function countedChanges(
  before: Readonly<Friend> | undefined,
  after: Readonly<Friend> | undefined,
): CountedChange[] {
  const found: CountedChange[] = [];
  if (following(before) !== following(after)) found.push({ k: following(after) ? 'friend+' : 'friend-' });
  const [was, is] = [topicsOf(before), topicsOf(after)];
  if (was.length > 0 !== is.length > 0) found.push({ k: is.length > 0 ? 'sub+' : 'sub-' });
  for (const t of is) if (!was.includes(t)) found.push({ k: 'topic+', t });
  for (const t of was) if (!is.includes(t)) found.push({ k: 'topic-', t });
  return found;
}
