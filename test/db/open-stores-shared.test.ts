import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { PostgresQuestionLog } from '../../src/db/question-log-postgres.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { openStores } from '../../src/stores/open-stores.js';
import { userId } from '../helpers/events.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

const now = new Date('2026-03-01T02:00:00.000Z');
const DAY = 86_400_000;
const asked = (at: Date, text: string) => ({
  at: at.toISOString(),
  intent: 'search',
  text,
  match: null,
  kind: null,
  score: null,
});

async function open(tenant?: TenantScope) {
  const dataDir = await tempDir();
  const config = loadConfig({ DATA_DIR: dataDir, TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
  const stores = await openStores({
    config,
    clock: () => now,
    logger: createMemoryLogger(),
    ...(tenant ? { tenant } : {}),
  });
  return { stores, state: (name: string) => fs.existsSync(path.join(dataDir, 'state', name)) };
}

describe('where the question log, staff LINE links, limits and evidence are opened', () => {
  it('when the single town opens its stores, then the question log and links are its sealed files, as before', async () => {
    const { stores, state } = await open();
    await stores.questions.record(asked(now, 'ผลคะแนน ita'));
    await stores.lineLinks.redeem(userId(3), (await stores.lineLinks.issue('malee')).code);
    expect(stores.backends).toMatchObject({
      questions: 'file',
      lineLinks: 'file',
      limits: 'file',
      attachments: 'file',
    });
    expect(stores.tenantStores).toBeUndefined();
    await stores.close();
    expect([state('questions.jsonl'), state('staff-line-links.jsonl')]).toEqual([true, true]);
  });

  describe.skipIf(!hasPostgres)('for a tenant', () => {
    const db = useMigratedDatabase();

    it('when a tenant opens its stores, then they are its rows: no file is made, and what passed the retention while it was stopped is deleted', async () => {
      const scope = await db().newTenant();
      const earlier = new PostgresQuestionLog(scope, () => now);
      await earlier.record(asked(new Date(now.getTime() - 400 * DAY), 'คำถามเก่าเกินปี'));
      await earlier.record(asked(now, 'คำถามวันนี้'));
      await earlier.close();

      const { stores, state } = await open(scope);
      expect(stores.backends).toMatchObject({
        questions: 'postgres',
        lineLinks: 'postgres',
        limits: 'postgres',
        attachments: 'postgres',
      });
      expect((await stores.questions.all()).map((q) => q.text)).toEqual(['คำถามวันนี้']);
      await stores.lineLinks.redeem(userId(3), (await stores.lineLinks.issue('malee')).code);
      const image = await stores.tenantStores!.evidence.put(Buffer.from('ภาพหลักฐาน'));
      await stores.limits.limiter('tip-lookups', 10, 60_000).count('web:203.0.113.5');
      await stores.close();
      expect([state('questions.jsonl'), state('staff-line-links.jsonl')]).toEqual([false, false]);
      expect(await db().dumpWhere('staff_line_links', scope.tenantId)).toHaveLength(1);
      expect(await db().dumpWhere('tip_attachments', scope.tenantId)).toEqual([expect.stringContaining(image)]);
      expect(await db().dumpWhere('limit_hits', scope.tenantId)).toHaveLength(1);
    });

    it("when a tenant's folder still holds a question log from before, then the start says it is no longer read, naming no content", async () => {
      const dataDir = await tempDir();
      fs.mkdirSync(path.join(dataDir, 'state'));
      fs.writeFileSync(path.join(dataDir, 'state', 'questions.jsonl'), '');
      const logger = createMemoryLogger();
      const config = loadConfig({ DATA_DIR: dataDir, TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
      const stores = await openStores({ config, clock: () => now, logger, tenant: await db().newTenant() });
      await stores.close();
      expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([
        expect.objectContaining({
          msg: 'files of this tenant are no longer read (now in the database)',
          files: 'state/questions.jsonl',
        }),
      ]);
    });
  });
});
