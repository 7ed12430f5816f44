import fs from 'node:fs';
import path from 'node:path';
import type { PeopleChanges } from '../staff/report-figures.js';
import { AppendLog } from '../storage/append-log.js';
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

/** One day's count of one kind (and topic, '' for none), as the copy compares them. */
type DayCount = [day: string, kind: string, topic: string, n: number];

/**
 * The town's counts (state/people-stats.jsonl, one line per counted change) into the tenant's
 * rows, so a moved town's report still shows its earlier quarters. A day's count already in
 * the database is left alone: a second run copies nothing.
 */
export async function copyPeopleStats(dataDir: string, scope: TenantScope) {
  const file = path.join(dataDir, 'state', 'people-stats.jsonl');
  const byDay = new Map<string, DayCount>();
  if (fs.existsSync(file)) {
    const { log, records } = await AppendLog.open(file, { durable: false });
    await log.close();
    for (const r of records as Array<{ d: string; k: string; t?: string }>) {
      const key = `${r.d}|${r.k}|${r.t ?? ''}`;
      const found = byDay.get(key) ?? [r.d, r.k, r.t ?? '', 0];
      byDay.set(key, [found[0], found[1], found[2], found[3] + 1]);
    }
  }
  const files = [...byDay.values()].sort((a, b) => a.join('|').localeCompare(b.join('|')));
  return inTenant(scope, async (c) => {
    const { rowCount } = await c.query(
      `INSERT INTO friend_change_counts (tenant_id, day, kind, topic, n)
       SELECT $1, x.d::date, x.k, x.t, x.n FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS x(d, k, t, n)
       ON CONFLICT DO NOTHING`,
      [scope.tenantId, ...[0, 1, 2, 3].map((i) => files.map((f) => f[i]))],
    );
    const { rows } = await c.query<{ day: string; kind: string; topic: string; n: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, topic, n FROM friend_change_counts WHERE tenant_id = $1`,
      [scope.tenantId],
    );
    const database = rows
      .map((r): DayCount => [r.day, r.kind, r.topic, r.n])
      .sort((a, b) => a.join('|').localeCompare(b.join('|')));
    return { files, database, copied: rowCount ?? 0 };
  });
}
