import path from 'node:path';
import { ConversationRepo, ConversationStateSchema, type ConversationStore } from '../../src/bot/conversation.js';
import { deriveKeys } from '../../src/crypto/keys.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { friendCodec, FriendRepo, FriendSchema } from '../../src/subscriptions/store/friend-repo.js';
import type { FriendStore } from '../../src/subscriptions/store/friend-store.js';

/** The file stores' key in contract tests (the same on reopen, as a restarted town's). */
export const FILE_KEYS = deriveKeys(Buffer.alloc(32, 5));

/** The town's friends file under `dir`, closed with the store (contract tests close what they open). */
export async function fileFriends(dir: string): Promise<FriendStore> {
  const store = await PrivateStore.open(path.join(dir, 'friends.jsonl'), FILE_KEYS.people, FriendSchema, friendCodec);
  return Object.assign(new FriendRepo(store, FILE_KEYS), { close: () => store.close() });
}

/** The town's conversations file under `dir`, closed with the store. */
export async function fileConversations(dir: string): Promise<ConversationStore> {
  const file = path.join(dir, 'conversations.jsonl');
  const store = await PrivateStore.open(file, FILE_KEYS.people, ConversationStateSchema);
  return Object.assign(new ConversationRepo(store, FILE_KEYS), { close: () => store.close() });
}
