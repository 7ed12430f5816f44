import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { PostgresConversationStore } from '../../src/db/conversation-store-postgres.js';
import { openStores } from '../../src/stores/open-stores.js';
import { userId } from '../helpers/events.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

const clock = () => new Date('2026-03-01T02:00:00.000Z');
const draft = { v: 1 as const, flow: 'tip', step: 'what', draft: {}, updatedAt: clock().toISOString() };

const open = async (dataDir: string, tenant?: Parameters<typeof openStores>[0]['tenant']) =>
  openStores({
    config: loadConfig({ DATA_DIR: dataDir, TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
    clock,
    logger: createMemoryLogger(),
    ...(tenant ? { tenant } : {}),
  });

describe('where conversation state is opened', () => {
  it('when the single town opens its stores, then a conversation is kept in its file, as before', async () => {
    const dir = await tempDir();
    const stores = await open(dir);
    await stores.conversations.save(userId(1), draft);
    await stores.close();
    const again = await open(dir);
    expect([again.backends.conversations, await again.conversations.get(userId(1))]).toEqual(['file', draft]);
    await again.close();
    expect(fs.existsSync(path.join(dir, 'state', 'conversations.jsonl'))).toBe(true);
  });

  describe.skipIf(!hasPostgres)('for a tenant', () => {
    const db = useMigratedDatabase();

    it('when a tenant opens its stores, then its conversations are in PostgreSQL, seen by another process, and no file is made', async () => {
      const dir = await tempDir();
      const scope = await db().newTenant();
      const stores = await open(dir, scope);
      await stores.conversations.save(userId(1), draft);
      const otherProcess = new PostgresConversationStore({ ...scope, pool: db().secondPool() });
      expect(await otherProcess.get(userId(1))).toEqual(draft);
      expect(stores.backends).toMatchObject({
        conversations: 'postgres',
        friends: 'postgres',
        publications: 'postgres',
      });
      await stores.close();
      expect(fs.existsSync(path.join(dir, 'state', 'conversations.jsonl'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'state', 'friends.jsonl'))).toBe(false);
    });
  });
});
