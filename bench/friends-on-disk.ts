import fs from 'node:fs/promises';
import path from 'node:path';
import { deriveKeys } from '../src/crypto/keys.js';
import { friendCodec, FriendRepo, FriendSchema } from '../src/subscriptions/store/friend-repo.js';
import { TOPIC_IDS } from '../src/subscriptions/topics.js';
import { PrivateStore } from '../src/storage/private-store.js';

/** A LINE-shaped user id for friend number n. */
export const benchUser = (n: number) => 'U' + n.toString(16).padStart(32, '0');

/**
 * `count` friends who follow with every topic, written the way the bot writes them (sealed,
 * under pseudonyms) to DATA_DIR/state/friends.jsonl, then snapshotted as the bot does once
 * the change lines pile up.
 */
export async function writeFriends(
  dataDir: string,
  count: number,
  masterKey: Buffer,
  opts: { first?: number } = {},
): Promise<void> {
  const keys = deriveKeys(masterKey);
  const file = path.join(dataDir, 'state', 'friends.jsonl');
  await fs.mkdir(path.dirname(file), { recursive: true });
  const store = await PrivateStore.open(file, keys.people, FriendSchema, friendCodec);
  const friends = new FriendRepo(store, keys);
  const at = new Date('2026-01-01T00:00:00Z');
  const first = opts.first ?? 0;
  for (let i = 0; i < count; i += 10_000) {
    const slice = Array.from({ length: Math.min(10_000, count - i) }, (_, j) => benchUser(first + i + j));
    await Promise.all(slice.map((id) => friends.follow(id, at, [...TOPIC_IDS])));
  }
  await store.compact();
  await store.close();
}

/** Opens the friends of a DATA_DIR as the bot does. */
export async function openFriends(
  dataDir: string,
  masterKey: Buffer,
): Promise<{ friends: FriendRepo; store: PrivateStore<import('../src/subscriptions/store/friend-repo.js').Friend> }> {
  const keys = deriveKeys(masterKey);
  const store = await PrivateStore.open(
    path.join(dataDir, 'state', 'friends.jsonl'),
    keys.people,
    FriendSchema,
    friendCodec,
  );
  return { friends: new FriendRepo(store, keys), store };
}
