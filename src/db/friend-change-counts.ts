import type { PeopleChanges } from '../staff/report-figures.js';
import type { CountedChange } from '../subscriptions/store/friend-changes.js';
import type { PoolClient } from './pool.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/** Friends and subscribers gained and lost in a range, with each topic's (as PeopleStats.between answers). */
export type PeopleFigures = PeopleChanges & { byTopic: Record<string, { gained: number; lost: number }> };

/**
 * Adds one friend change's counts to its Bangkok day (that of `at`; null: now), inside the
 * change's own transaction, so each change is counted once whichever process made it.
 */
export async function countChanges(
  c: PoolClient,
  tenantId: string,
  changes: readonly CountedChange[],
  at: string | null,
): Promise<void> {
  if (changes.length === 0) return;
  await c.query(
    `INSERT INTO friend_change_counts (tenant_id, day, kind, topic, n)
     SELECT $1, (coalesce($2::timestamptz, now()) AT TIME ZONE 'Asia/Bangkok')::date, x.k, x.t, count(*)::int
     FROM unnest($3::text[], $4::text[]) AS x(k, t) GROUP BY x.k, x.t
     ON CONFLICT (tenant_id, day, kind, topic) DO UPDATE SET n = friend_change_counts.n + EXCLUDED.n`,
    [tenantId, at, changes.map((x) => x.k), changes.map((x) => x.t ?? '')],
  );
}

/**
 * One tenant's friend changes for the quarterly report, read from the counts every process
 * keeps in PostgreSQL (src/staff/people-stats.ts is the town's file of the same counts).
 */
export class PostgresFriendChangeCounts {
  constructor(private readonly scope: TenantScope) {}

  /** Changes on the Bangkok days the range [from, to) covers. */
  async between(from: Date, to: Date): Promise<PeopleFigures> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ kind: CountedChange['k']; topic: string; n: number }>(
        `SELECT kind, topic, sum(n)::int AS n FROM friend_change_counts
         WHERE tenant_id = $1 AND day BETWEEN ($2::timestamptz AT TIME ZONE 'Asia/Bangkok')::date
           AND (($3::timestamptz - interval '1 millisecond') AT TIME ZONE 'Asia/Bangkok')::date
         GROUP BY kind, topic`,
        [this.scope.tenantId, from, to],
      ),
    );
    const out: PeopleFigures = {
      friendsGained: 0,
      friendsLost: 0,
      subscribersGained: 0,
      subscribersLost: 0,
      byTopic: {},
    };
    const field = {
      'friend+': 'friendsGained',
      'friend-': 'friendsLost',
      'sub+': 'subscribersGained',
      'sub-': 'subscribersLost',
    } as const;
    for (const r of rows) {
      if (r.kind === 'topic+' || r.kind === 'topic-') {
        const topic = (out.byTopic[r.topic] ??= { gained: 0, lost: 0 });
        topic[r.kind === 'topic+' ? 'gained' : 'lost'] += r.n;
      } else out[field[r.kind]] += r.n;
    }
    return out;
  }

  /** Holds no connection of its own (the tenant's pool is the service's). */
  async close(): Promise<void> {}
}
