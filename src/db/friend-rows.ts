import type { DataKeys } from '../crypto/keys.js';
import { openSealedText, seal } from '../crypto/sealed.js';
import type { Friend } from '../subscriptions/store/friend-repo.js';
import type { PoolClient } from './pool.js';

/** A friends row as read back (the user id sealed). */
export interface FriendRow {
  ref: string;
  user_sealed: string;
  following: boolean;
  first_followed_at: Date;
  changed_at: Date;
  topics: string[];
}

export const FRIEND_COLUMNS = 'ref, user_sealed, following, first_followed_at, changed_at, topics';

export function friendOfRow(keys: DataKeys, r: FriendRow): Friend {
  return {
    userId: openSealedText(keys.people, r.user_sealed),
    status: r.following ? 'following' : 'blocked',
    firstFollowedAt: r.first_followed_at.toISOString(),
    changedAt: r.changed_at.toISOString(),
    topics: r.topics,
  };
}

/**
 * Writes a friend under `ref`, the user id sealed afresh. `onlyChanged`: a row whose clear
 * parts are already these is left alone (a copy run twice writes nothing; the count says so).
 */
export async function writeFriend(
  c: PoolClient,
  tenantId: string,
  keys: DataKeys,
  ref: string,
  f: Friend,
  onlyChanged = false,
): Promise<number> {
  const { rowCount } = await c.query(
    `INSERT INTO friends (tenant_id, ${FRIEND_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, ref) DO UPDATE SET user_sealed = EXCLUDED.user_sealed, following = EXCLUDED.following,
       first_followed_at = EXCLUDED.first_followed_at, changed_at = EXCLUDED.changed_at, topics = EXCLUDED.topics
     ${onlyChanged ? 'WHERE (friends.following, friends.first_followed_at, friends.changed_at, friends.topics) IS DISTINCT FROM (EXCLUDED.following, EXCLUDED.first_followed_at, EXCLUDED.changed_at, EXCLUDED.topics)' : ''}`,
    [tenantId, ref, seal(keys.people, f.userId), f.status === 'following', f.firstFollowedAt, f.changedAt, f.topics],
  );
  return rowCount ?? 0;
}
