import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deriveKeys } from '../../src/crypto/keys.js';
import { PostgresConversationStore } from '../../src/db/conversation-store-postgres.js';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { postgresStores, tenantScope } from '../../src/db/postgres-stores.js';
import { copyTownToPostgres } from '../../src/db/town-copy.js';
import { adoptTownKey } from '../../src/db/town-key.js';
import { Inbox } from '../../src/line/inbox.js';
import { accountsFile, AccountStore } from '../../src/staff/account-store.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import { queueAudit } from '../../src/staff/audit-pending.js';
import { openStores } from '../../src/stores/open-stores.js';
import { allRecipients } from '../../src/subscriptions/store/friend-store.js';
import { EvidenceFiles } from '../../src/tips/evidence-files.js';
import { TipRepo } from '../../src/tips/tip-repo.js';
import { userId } from '../helpers/events.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { sampleAccount } from '../helpers/account-sample.js';
import { inboxEvent } from '../helpers/inbox-sample.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';
import { AT, sampleTip } from '../helpers/tip-sample.js';

const TOWN_KEY = Buffer.alloc(32, 0x5a);
const keys = deriveKeys(TOWN_KEY);
const now = new Date(AT);
const RESIDENT = userId(1);
const STAFF_LINE = userId(7);

/** A stopped town's DATA_DIR with something in every store that moves. */
async function townFiles(): Promise<string> {
  const dir = await tempDir();
  const tips = await TipRepo.open(path.join(dir, 'tips', 'tips.jsonl'), keys.tips);
  await tips.save(await sampleTip(tips));
  const tip = await sampleTip(tips, { status: 'assessing' });
  await tips.save({ ...tip, history: [{ at: AT, from: 'received', to: 'assessing', by: 'malee' }] });
  await tips.close();
  const audit = await AuditLog.open(path.join(dir, 'state', 'audit.jsonl'), keys.audit);
  for (const action of ['login', 'tip.view', 'tip.status']) await audit.append(now, 'malee', action, `tip:${tip.id}`);
  await audit.close();
  queueAudit(dir, now, 'cli', 'account.create', 'account:anan'); // a command's entry the bot had not moved yet
  const accounts = new AccountStore(accountsFile(dir));
  for (const name of ['malee', 'anan']) accounts.update(name, () => sampleAccount(name, { lastLoginAt: AT }));
  const inbox = await Inbox.open(path.join(dir, 'state', 'inbox.jsonl'), keys.inbox, now);
  const [waiting, replied, handled] = await inbox.admit([inboxEvent('หนึ่ง'), inboxEvent('สอง'), inboxEvent('สาม')], now);
  await inbox.replying(replied!.id, now);
  await inbox.done(handled!.id, now);
  await inbox.close();
  expect(waiting).toBeDefined();
  const people = await openStores({
    config: loadConfig({ DATA_DIR: dir, TIP_ENCRYPTION_KEY: TOWN_KEY.toString('base64') }),
    clock: () => now,
    logger: createMemoryLogger(),
  });
  await people.friends.follow(RESIDENT, now, ['news', 'report']);
  await people.friends.unfollow(userId(2), now);
  await people.conversations.save(RESIDENT, { v: 1, flow: 'tip', step: 'what', draft: { what: 'ถนน' }, updatedAt: AT });
  const asked = { at: AT, intent: 'search', match: 'ita-1', kind: 'ita', score: 0.8 };
  await people.questions.record({ ...asked, id: 'qaaaaaaaaaa1', text: 'ผลคะแนน ita', event: 'ev-1' });
  await people.questions.record({ ...asked, id: 'qaaaaaaaaaa2', text: 'ถนนพัง', match: null, kind: null, score: null });
  await people.questions.vote('qaaaaaaaaaa1', false);
  await people.questions.dismiss('ถนนพัง', now);
  await people.lineLinks.redeem(STAFF_LINE, (await people.lineLinks.issue('malee')).code);
  await people.close();
  const files = new EvidenceFiles(path.join(dir, 'tips', 'files'), keys.tips);
  for (const photo of ['ภาพที่หนึ่ง', 'ภาพที่สอง']) await files.put(Buffer.from(photo));
  return dir;
}

describe.skipIf(!hasPostgres)("copying a town's files into its tenant", () => {
  const db = useMigratedDatabase();

  it('when a town is copied, then every store matches by count and content, and a second run copies nothing', async () => {
    const dir = await townFiles();
    const { tenantId } = await db().newTenant();
    expect(await adoptTownKey(db().pool, db().tenants, tenantId, TOWN_KEY)).toBe('adopted');
    const stores = postgresStores(await tenantScope(db().pool, db().tenants, tenantId), { clock: () => now });

    const first = await copyTownToPostgres(dir, keys, stores);
    expect(first).toEqual([
      { store: 'tips', files: 2, database: 2, copied: 2, same: true },
      { store: 'audit', files: 4, database: 4, copied: 4, same: true },
      { store: 'accounts', files: 2, database: 2, copied: 2, same: true },
      { store: 'inbox', files: 2, database: 2, copied: 2, same: true },
      { store: 'friends', files: 2, database: 2, copied: 2, same: true },
      { store: 'conversations', files: 1, database: 1, copied: 1, same: true },
      // Two questions and one dismissed group
      { store: 'questions', files: 3, database: 3, copied: 3, same: true },
      { store: 'line-links', files: 1, database: 1, copied: 1, same: true },
      { store: 'attachments', files: 2, database: 2, copied: 2, same: true },
      // This town published nothing (test/db/publication-copy.test.ts copies publications)
      { store: 'publications', files: 0, database: 0, copied: 0, same: true },
      { store: 'friend-changes', files: 0, database: 0, copied: 0, same: true },
    ]);
    const again = await copyTownToPostgres(dir, keys, stores);
    expect(again.map((r) => [r.store, r.copied, r.same])).toEqual([
      ['tips', 0, true],
      ['audit', 0, true],
      ['accounts', 0, true],
      ['inbox', 0, true],
      ['friends', 0, true],
      ['conversations', 0, true],
      ['questions', 0, true],
      ['line-links', 0, true],
      ['attachments', 0, true],
      ['publications', 0, true],
      ['friend-changes', 0, true],
    ]);
    const tip = (await stores.tips.all()).find((t) => t.history.length === 1)!;
    expect(stores.tips.openContent(tip)?.what).toBe('ปลัดรับเงินใต้โต๊ะ');
    expect((await stores.audit.list()).at(-1)).toMatchObject({ actor: 'cli', action: 'account.create' });
    expect((await stores.inbox.waiting()).map((e) => e.replied).sort()).toEqual([false, true]);
    expect(await adoptTownKey(db().pool, db().tenants, tenantId, TOWN_KEY)).toBe('same');
    const [ref] = await allRecipients(new PostgresFriendStore(stores.scope).recipientPages('report'));
    expect(await new PostgresFriendStore(stores.scope).recipient(ref!, 'report')).toBe(RESIDENT);
    expect((await new PostgresConversationStore(stores.scope).get(RESIDENT))?.draft).toEqual({ what: 'ถนน' });
    expect((await stores.questions.get('qaaaaaaaaaa1'))?.vote).toBe('down');
    expect([...(await stores.questions.dismissed()).keys()]).toEqual(['ถนนพัง']);
    expect(await stores.lineLinks.userIdOf('malee')).toBe(STAFF_LINE);
    const photos = await Promise.all((await stores.evidence.digests()).map(([id]) => stores.evidence.read(id)));
    expect(photos.map(String).sort()).toEqual(['ภาพที่สอง', 'ภาพที่หนึ่ง']);
    await stores.questions.close();
  });

  it('when the tenant already holds data under its own key, then the town key is refused, naming where the data is', async () => {
    const scope = await db().newTenant();
    await postgresStores(scope, { clock: () => now }).audit.append(now, 'malee', 'login');
    await expect(adoptTownKey(db().pool, db().tenants, scope.tenantId, TOWN_KEY)).rejects.toThrow(
      /already holds data \(audit_entries, audit_heads\) under another key/,
    );
  });

  it("when the tenant's key is not the town's, or the town's trail was edited, then nothing of that store is copied", async () => {
    const dir = await townFiles();
    const scope = await db().newTenant();
    await expect(copyTownToPostgres(dir, keys, postgresStores(scope, { clock: () => now }))).rejects.toThrow(
      "the tenant's data key is not this town's key",
    );
    await adoptTownKey(db().pool, db().tenants, scope.tenantId, TOWN_KEY);
    const stores = postgresStores(await tenantScope(db().pool, db().tenants, scope.tenantId), { clock: () => now });
    const file = path.join(dir, 'state', 'audit.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"tip.view"', '"tip.edit"'));
    await expect(copyTownToPostgres(dir, keys, stores)).rejects.toThrow(
      "nothing copied from the town's trail: audit trail broken at entry 2: its content was changed",
    );
    expect(await stores.audit.list()).toEqual([]);
  });
});
