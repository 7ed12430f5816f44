import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PostgresFriendStore } from '../src/db/friend-store-postgres.js';
import type { FriendStore } from '../src/subscriptions/store/friend-store.js';
import { TOPIC_IDS } from '../src/subscriptions/topics.js';
import { benchUser, openFriends, writeFriends } from './friends-on-disk.js';
import { addTenant, insertFriends, type BenchDatabase } from './postgres-setup.js';
import { fmt, percentile } from './stats.js';

const SIZES = [1_000, 100_000];
const FOLLOWS = 400;
const RUNS = 2;

interface Latencies {
  follow: number[];
  unsubscribe: number[];
}

/** FOLLOWS new friends follow, then unsubscribe, one after another, through the store the bot's follow handler calls. */
async function measure(friends: FriendStore, first: number, into: Latencies): Promise<void> {
  for (let i = 0; i < FOLLOWS; i++) {
    const user = benchUser(first + i);
    let t = performance.now();
    await friends.follow(user, new Date(), [...TOPIC_IDS]);
    into.follow.push(performance.now() - t);
    t = performance.now();
    await friends.unsubscribe(user, new Date());
    into.unsubscribe.push(performance.now() - t);
  }
}

const empty = (): Latencies => ({ follow: [], unsubscribe: [] });

/** The single town: friends.jsonl with `size` friends (sealed line appended and fdatasync'd per change). */
async function onFiles(size: number): Promise<Latencies> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'phonsai-pg-follow-'));
  const key = randomBytes(32);
  await writeFriends(dataDir, size, key);
  const { friends, store } = await openFriends(dataDir, key);
  const found = empty();
  for (let run = 0; run < RUNS; run++) await measure(friends, size + run * FOLLOWS, found);
  await store.close();
  await fs.rm(dataDir, { recursive: true, force: true });
  return found;
}

/** A tenant with `size` friends in its rows (one transaction per change, committed to disk). */
async function onPostgres(db: BenchDatabase, size: number): Promise<Latencies> {
  const tenant = await addTenant(db, `follow-${size}`);
  await insertFriends(tenant.scope, size);
  const friends = new PostgresFriendStore(tenant.scope);
  const found = empty();
  for (let run = 0; run < RUNS; run++) await measure(friends, size + run * FOLLOWS, found);
  return found;
}

/**
 * A follow (and an unsubscribe) when the municipality already has 1,000 and 100,000 friends,
 * on the single town's file and on a tenant's rows: the store call the follow handler makes,
 * timed from the bench process, RUNS × FOLLOWS of each.
 */
export async function benchPostgresFollow(db: BenchDatabase): Promise<void> {
  const rows: Array<[string, number, Latencies]> = [];
  for (const size of SIZES) {
    rows.push(['single town (files)', size, await onFiles(size)]);
    rows.push(['tenant (PostgreSQL)', size, await onPostgres(db, size)]);
  }
  console.log(
    `\nFollow on PostgreSQL: ${RUNS} × ${FOLLOWS} follows and unsubscribes by new friends, one at a time, through the friends store (files: a sealed line appended and fdatasync'd; PostgreSQL: one transaction locking the friend's row, committed to disk)`,
  );
  const p = (values: number[], q: number) =>
    percentile(
      [...values].sort((a, b) => a - b),
      q,
    );
  for (const [name, size, l] of rows) {
    console.log(
      `  ${name.padEnd(22)} ${fmt(size, 0).padStart(7)} friends   follow p50 ${fmt(p(l.follow, 50), 2)} ms, p99 ${fmt(p(l.follow, 99), 2)} ms   unsubscribe p50 ${fmt(p(l.unsubscribe, 50), 2)} ms, p99 ${fmt(p(l.unsubscribe, 99), 2)} ms`,
    );
  }
  const at = (name: string, size: number) => p(rows.find((r) => r[0] === name && r[1] === size)![2].follow, 50);
  const pgRatio = at('tenant (PostgreSQL)', 100_000) / at('tenant (PostgreSQL)', 1_000);
  console.log(
    `  follow p50 at 100,000 vs 1,000 friends on PostgreSQL: ${fmt(pgRatio, 2)}× (≤ 2×: ${pgRatio <= 2 ? 'met' : 'NOT met'}); PostgreSQL/files at 100,000: ${fmt(at('tenant (PostgreSQL)', 100_000) / at('single town (files)', 100_000), 2)}×`,
  );
}
