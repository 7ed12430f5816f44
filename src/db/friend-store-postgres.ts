import { userRef } from '../crypto/keys.js';
import { openSealedText } from '../crypto/sealed.js';
import type { Friend } from '../subscriptions/store/friend-repo.js';
import { countedChanges, friendChanges, receives } from '../subscriptions/store/friend-changes.js';
import { countChanges } from './friend-change-counts.js';
import { FRIEND_PAGE, type FriendStore } from '../subscriptions/store/friend-store.js';
import { TOPIC_IDS } from '../subscriptions/topics.js';
import { FRIEND_COLUMNS, friendOfRow, writeFriend, type FriendRow } from './friend-rows.js';
import type { PoolClient } from './pool.js';
import { inTenant, type TenantScope } from './tenant-scope.js';
import { readInTenant, textArrayLiteral } from './tenant-read.js';

type Observer = (before: Readonly<Friend> | undefined, after: Readonly<Friend> | undefined) => void;

/**
 * One tenant's friends in PostgreSQL (table friends), shared by every bot process. A row is
 * keyed by the friend's ref (HMAC of the user id, as the file store keys its records) and
 * holds the user id only sealed under the tenant's people key. Each change is one
 * transaction that locks the friend's row, applies friendChanges, writes it back and adds
 * the change to the report's counts (friend_change_counts), so a follow costs three
 * statements whatever the number of friends.
 */
export class PostgresFriendStore implements FriendStore {
  private readonly observers: Observer[] = [];

  constructor(private readonly scope: TenantScope) {}

  private ref(userId: string): string {
    return userRef(this.scope.keys, userId);
  }

  private async read(c: PoolClient, ref: string, lock = ''): Promise<Friend | undefined> {
    const { rows } = await c.query<FriendRow>(
      `SELECT ${FRIEND_COLUMNS} FROM friends WHERE tenant_id = $1 AND ref = $2 ${lock}`,
      [this.scope.tenantId, ref],
    );
    return rows[0] && friendOfRow(this.scope.keys, rows[0]);
  }

  async get(userId: string): Promise<Friend | undefined> {
    return inTenant(this.scope, (c) => this.read(c, this.ref(userId)));
  }

  /** Locks the friend's row, computes the change from it and saves the result (when there is one). */
  private async change<T extends Friend | undefined>(
    userId: string,
    apply: (before: Friend | undefined) => T,
  ): Promise<{ before: Friend | undefined; after: T }> {
    const ref = this.ref(userId);
    const done = await inTenant(this.scope, async (c) => {
      const before = await this.read(c, ref, 'FOR UPDATE');
      const after = apply(before);
      if (after) await writeFriend(c, this.scope.tenantId, this.scope.keys, ref, after);
      if (after) await countChanges(c, this.scope.tenantId, countedChanges(before, after), after.changedAt);
      return { before, after };
    });
    if (done.after) for (const fn of this.observers) fn(done.before, done.after);
    return done;
  }

  async follow(userId: string, now: Date, defaultTopics: string[]): Promise<{ friend: Friend; refollow: boolean }> {
    const { before, after } = await this.change(userId, (b) =>
      friendChanges.follow(b, userId, now.toISOString(), defaultTopics),
    );
    return { friend: after, refollow: before !== undefined };
  }

  async unfollow(userId: string, now: Date): Promise<void> {
    await this.change(userId, (b) => friendChanges.unfollow(b, userId, now.toISOString()));
  }

  async setTopics(userId: string, topics: string[], now: Date): Promise<Friend | undefined> {
    return (await this.change(userId, (b) => friendChanges.setTopics(b, now.toISOString(), topics))).after;
  }

  async subscribe(userId: string, topics: readonly string[], now: Date): Promise<Friend> {
    return (await this.change(userId, (b) => friendChanges.subscribe(b, userId, now.toISOString(), topics))).after;
  }

  async unsubscribe(userId: string, now: Date, topics?: readonly string[]): Promise<Friend | undefined> {
    return (await this.change(userId, (b) => friendChanges.unsubscribe(b, now.toISOString(), topics))).after;
  }

  async erase(userId: string): Promise<void> {
    const ref = this.ref(userId);
    const before = await inTenant(this.scope, async (c) => {
      const { rows } = await c.query<FriendRow>(
        `DELETE FROM friends WHERE tenant_id = $1 AND ref = $2 RETURNING ${FRIEND_COLUMNS}`,
        [this.scope.tenantId, ref],
      );
      const erased = rows[0] && friendOfRow(this.scope.keys, rows[0]);
      if (erased) await countChanges(c, this.scope.tenantId, countedChanges(erased, undefined), null);
      return erased;
    });
    if (before) for (const fn of this.observers) fn(before, undefined);
  }

  observe(fn: Observer): void {
    this.observers.push(fn);
  }

  counts(): Promise<{ following: number; blocked: number }> {
    return this.scalar<{ following: number; blocked: number }>(
      'SELECT count(*) FILTER (WHERE following)::int AS following, count(*) FILTER (WHERE NOT following)::int AS blocked',
    );
  }

  async subscriberCount(): Promise<number> {
    return (await this.scalar<{ n: number }>("SELECT count(*) FILTER (WHERE following AND topics <> '{}')::int AS n"))
      .n;
  }

  async topicCounts(): Promise<Record<string, number>> {
    const counts = await this.scalar<{ counts: number[] }>(
      'SELECT array[' +
        TOPIC_IDS.map((_, i) => `count(*) FILTER (WHERE following AND $${i + 2} = ANY(topics))::int`).join(', ') +
        '] AS counts',
      [...TOPIC_IDS],
    );
    return Object.fromEntries(TOPIC_IDS.map((t, i) => [t, counts.counts[i] ?? 0]));
  }

  /** One aggregate row over the tenant's friends; `$1` is the tenant. */
  private scalar<T>(select: string, params: unknown[] = []): Promise<T> {
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query(`${select} FROM friends WHERE tenant_id = $1`, [this.scope.tenantId, ...params]);
      return rows[0] as T;
    });
  }

  /** Keyset pages by ref: each page is one short query, whatever the audience. */
  async *recipientPages(topic: string | null, pageSize = FRIEND_PAGE): AsyncIterable<string[]> {
    let after = '';
    for (;;) {
      const refs = await inTenant(this.scope, async (c) => {
        const { rows } = await c.query<{ ref: string }>(
          `SELECT ref FROM friends WHERE tenant_id = $1 AND following AND ($2::text IS NULL OR $2 = ANY(topics))
           AND ref > $3 ORDER BY ref LIMIT $4`,
          [this.scope.tenantId, topic, after, pageSize],
        );
        return rows.map((r) => r.ref);
      });
      if (refs.length > 0) yield refs;
      if (refs.length < pageSize) return;
      after = refs.at(-1)!;
    }
  }

  private async byRef(ref: string): Promise<Friend | undefined> {
    return inTenant(this.scope, (c) => this.read(c, ref));
  }

  async recipient(ref: string, topic?: string): Promise<string | null> {
    const friend = await this.byRef(ref);
    return receives(friend, topic) ? friend.userId : null;
  }

  async userIdOf(ref: string): Promise<string | null> {
    return (await this.byRef(ref))?.userId ?? null;
  }

  /**
   * A delivery batch's user ids (500 a batch): who still receives is decided in the query (as
   * receives() would), and only the two columns needed are read, so a fan-out opens only its
   * recipients' ids and parses no dates or topics.
   */
  async userIdsOf(refs: readonly string[], receiving?: { topic?: string }): Promise<Map<string, string>> {
    // One round trip (asked once for each batch of a fan-out): the values are quoted literals
    const rows = await readInTenant<{ ref: string; user_sealed: string }>(this.scope, (c) => {
      const topic = receiving?.topic === undefined ? '' : `AND ${c.escapeLiteral(receiving.topic)} = ANY(topics)`;
      return `SELECT ref, user_sealed FROM friends WHERE tenant_id = ${c.escapeLiteral(this.scope.tenantId)}
        AND ref = ANY(${textArrayLiteral(c, refs)}) ${receiving ? `AND following ${topic}` : ''}`;
    });
    return new Map(rows.map((r) => [r.ref, openSealedText(this.scope.keys.people, r.user_sealed)]));
  }

  purgeBlocked(cutoff: Date): Promise<number> {
    return inTenant(this.scope, async (c) => {
      const { rowCount } = await c.query(
        'DELETE FROM friends WHERE tenant_id = $1 AND NOT following AND changed_at < $2',
        [this.scope.tenantId, cutoff],
      );
      return rowCount ?? 0;
    });
  }

  /** A deleted row leaves the table at once (VACUUM reclaims its space): nothing to rewrite. */
  dropErased(): Promise<void> {
    return Promise.resolve();
  }
}
