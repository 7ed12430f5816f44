import fs from 'node:fs';
import path from 'node:path';
import { ConversationStateSchema } from '../bot/conversation.js';
import type { DataKeys } from '../crypto/keys.js';
import { openSealedText, seal } from '../crypto/sealed.js';
import { PrivateStore } from '../storage/private-store.js';
import { friendCodec, FriendSchema } from '../subscriptions/store/friend-repo.js';
import { FRIEND_COLUMNS, friendOfRow, writeFriend, type FriendRow } from './friend-rows.js';
import { contentHash } from './content-hash.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/** How many records one transaction of a copy writes. */
const BATCH = 1000;

/** A store's records by ref, sorted by ref: what the files and the database are compared on. */
export type ByRef<T> = Array<[ref: string, record: T]>;

/** Every record of a town's sealed per-person file, by ref; none when the town never made the file. */
async function readPrivateFile<T>(file: string, open: () => Promise<PrivateStore<T>>): Promise<ByRef<T>> {
  if (!fs.existsSync(file)) return [];
  const store = await open();
  try {
    return store
      .refsWhere(() => true)
      .sort()
      .map((ref) => [ref, store.get(ref)!]);
  } finally {
    await store.close();
  }
}

/**
 * Copies `records` in transactions of BATCH, `write` returning how many rows it changed;
 * returns the total (a second run of a copy changes none).
 */
async function copyInBatches<T>(
  scope: TenantScope,
  records: ByRef<T>,
  write: (c: Parameters<Parameters<typeof inTenant>[1]>[0], ref: string, record: T) => Promise<number>,
): Promise<number> {
  let copied = 0;
  for (let i = 0; i < records.length; i += BATCH)
    copied += await inTenant(scope, async (c) => {
      let n = 0;
      for (const [ref, record] of records.slice(i, i + BATCH)) n += await write(c, ref, record);
      return n;
    });
  return copied;
}

/** The town's friends (state/friends.jsonl) into the tenant's friends table, kept by the same refs. */
export async function copyFriends(dataDir: string, keys: DataKeys, scope: TenantScope) {
  const file = path.join(dataDir, 'state', 'friends.jsonl');
  const files = await readPrivateFile(file, () => PrivateStore.open(file, keys.people, FriendSchema, friendCodec));
  const copied = await copyInBatches(scope, files, (c, ref, f) =>
    writeFriend(c, scope.tenantId, scope.keys, ref, f, true),
  );
  const database = await inTenant(scope, async (c) => {
    const { rows } = await c.query<FriendRow>(
      `SELECT ${FRIEND_COLUMNS} FROM friends WHERE tenant_id = $1 ORDER BY ref`,
      [scope.tenantId],
    );
    return rows.map((r): [string, unknown] => [r.ref, friendOfRow(scope.keys, r)]);
  });
  return { files, database, copied };
}

/** Conversations in progress (state/conversations.jsonl), sealed again under the same key. */
export async function copyConversations(dataDir: string, keys: DataKeys, scope: TenantScope) {
  const file = path.join(dataDir, 'state', 'conversations.jsonl');
  const files = await readPrivateFile(file, () => PrivateStore.open(file, keys.people, ConversationStateSchema));
  const opened = (sealed: string): unknown => JSON.parse(openSealedText(scope.keys.people, sealed));
  const database = async () =>
    inTenant(scope, async (c) => {
      const { rows } = await c.query<{ ref: string; state_sealed: string }>(
        'SELECT ref, state_sealed FROM conversations WHERE tenant_id = $1 ORDER BY ref',
        [scope.tenantId],
      );
      return rows.map((r): [string, unknown] => [r.ref, opened(r.state_sealed)]);
    });
  const there = new Map(await database());
  const copied = await copyInBatches(scope, files, async (c, ref, state) => {
    if (there.has(ref) && contentHash([there.get(ref)]) === contentHash([state])) return 0;
    await c.query(
      `INSERT INTO conversations (tenant_id, ref, state_sealed) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, ref) DO UPDATE SET state_sealed = EXCLUDED.state_sealed`,
      [scope.tenantId, ref, seal(scope.keys.people, JSON.stringify(state))],
    );
    return 1;
  });
  return { files, database: await database(), copied };
}
