import path from 'node:path';
import type { DataKeys } from '../crypto/keys.js';
import { Inbox } from '../line/inbox.js';
import { accountsFile, AccountStore } from '../staff/account-store.js';
import { describeCheck, readAndVerifyAudit } from '../staff/audit-file.js';
import { AuditLog } from '../staff/audit-log.js';
import { drainPendingAudit } from '../staff/audit-pending.js';
import { TipRepo } from '../tips/tip-repo.js';
import { contentHash } from './content-hash.js';
import { copyConversations, copyFriends } from './people-copy.js';
import { copyPeopleStats } from './friend-change-counts.js';
import { copyPublications } from './publication-copy.js';
import { copyAttachments, copyLineLinks, copyQuestions } from './shared-copy.js';
import type { PostgresStores } from './postgres-stores.js';

/** One store's copy: how many records the files and the database hold, how many were written now, whether the contents match. */
export interface CopyResult {
  store:
    | 'tips'
    | 'audit'
    | 'accounts'
    | 'inbox'
    | 'friends'
    | 'conversations'
    | 'questions'
    | 'line-links'
    | 'attachments'
    | 'publications'
    | 'friend-changes';
  files: number;
  database: number;
  copied: number;
  same: boolean;
}

const byId =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));
const result = (store: CopyResult['store'], files: unknown[], database: unknown[], copied: number): CopyResult => ({
  store,
  files: files.length,
  database: database.length,
  copied,
  same: files.length === database.length && contentHash(files) === contentHash(database),
});

/**
 * Copies a stopped town's file stores (DATA_DIR) into its tenant: tips, the audit trail,
 * console accounts, events waiting in the inbox, friends with their topics, conversations
 * in progress, the question log, staff LINE links, evidence images, publications with their
 * delivery batches, and the report's counts of friends gained and lost. Sessions, link codes and abuse counts are not copied (everyone logs in
 * again). The tenant's data key
 * must be the town's (adoptTownKey), so sealed values are copied as they are. A record
 * already in the database with the same content is not written again, so a second run
 * copies nothing; each store is then compared by count and content hash.
 */
export async function copyTownToPostgres(dataDir: string, keys: DataKeys, to: PostgresStores): Promise<CopyResult[]> {
  if (!to.scope.keys.tips.equals(keys.tips)) throw new Error("the tenant's data key is not this town's key");
  const results = [
    await copyTips(dataDir, keys, to),
    await copyAudit(dataDir, keys, to),
    await copyAccounts(dataDir, to),
    await copyInbox(dataDir, keys, to),
    await copyPeople('friends', copyFriends(dataDir, keys, to.scope)),
    await copyPeople('conversations', copyConversations(dataDir, keys, to.scope)),
    await copyPeople('questions', copyQuestions(dataDir, keys, to)),
    await copyPeople('line-links', copyLineLinks(dataDir, keys, to)),
    await copyPeople('attachments', copyAttachments(dataDir, to)),
    await copyPeople('publications', copyPublications(dataDir, to.scope)),
    await copyPeople('friend-changes', copyPeopleStats(dataDir, to.scope)),
  ];
  await analyzeCopied(to);
  return results;
}

/** The tables a copy fills in bulk (the rest hold a few rows). */
const COPIED_TABLES = ['friends', 'conversations', 'question_log', 'tips', 'audit_entries', 'publications'];

/**
 * Fresh statistics for the tables just filled: autovacuum may take a minute to notice, and
 * until then the planner may take 100,000 friends for a few rows and plan the town's first
 * publication (500 friends a batch) as a read of every row. Run as the owner of the tables
 * (the service's role, outside any tenant), as the migrations are.
 */
async function analyzeCopied(to: PostgresStores): Promise<void> {
  await to.scope.pool.query(`ANALYZE ${COPIED_TABLES.join(', ')}`);
}

async function copyTips(dataDir: string, keys: DataKeys, to: PostgresStores): Promise<CopyResult> {
  const repo = await TipRepo.open(path.join(dataDir, 'tips', 'tips.jsonl'), keys.tips);
  try {
    const files = repo.all().sort(byId((t) => t.id));
    let copied = 0;
    for (const tip of files) {
      const there = await to.tips.get(tip.id);
      if (there && contentHash([there]) === contentHash([tip])) continue;
      await to.tips.save(tip);
      copied += 1;
    }
    return result('tips', files, (await to.tips.all()).sort(byId((t) => t.id)), copied);
  } finally {
    await repo.close();
  }
}

/** The file trail must verify first (queued command entries moved into it, as the bot does at start). */
async function copyAudit(dataDir: string, keys: DataKeys, to: PostgresStores): Promise<CopyResult> {
  const file = path.join(dataDir, 'state', 'audit.jsonl');
  const log = await AuditLog.open(file, keys.audit);
  await drainPendingAudit(dataDir, log).finally(() => log.close());
  const { entries, check } = await readAndVerifyAudit(file, keys.audit);
  if (!check.ok) throw new Error(`nothing copied from the town's trail: ${describeCheck(check)}`);
  const copied = await to.audit.copyIn(entries);
  const copy = result('audit', entries, await to.audit.list(), copied);
  return { ...copy, same: copy.same && (await to.audit.verify()).ok };
}

async function copyAccounts(dataDir: string, to: PostgresStores): Promise<CopyResult> {
  const files = new AccountStore(accountsFile(dataDir)).list();
  let copied = 0;
  for (const account of files) {
    const there = await to.accounts.get(account.name);
    if (there && contentHash([there]) === contentHash([account])) continue;
    await to.accounts.update(account.name, () => account);
    copied += 1;
  }
  return result('accounts', files, await to.accounts.list(), copied);
}

async function copyInbox(dataDir: string, keys: DataKeys, to: PostgresStores): Promise<CopyResult> {
  const inbox = await Inbox.open(path.join(dataDir, 'state', 'inbox.jsonl'), keys.inbox, new Date());
  try {
    const files = inbox.pending().sort(byId((e) => e.id));
    const copied = await to.inbox.copyIn(files);
    return result('inbox', files, (await to.inbox.waiting()).sort(byId((e) => e.id)), copied);
  } finally {
    await inbox.close();
  }
}

/** Friends, conversations and the shared stores are compared as people-copy and shared-copy read them. */
async function copyPeople(
  store: 'friends' | 'conversations' | 'questions' | 'line-links' | 'attachments' | 'publications' | 'friend-changes',
  copy: Promise<{ files: unknown[]; database: unknown[]; copied: number }>,
): Promise<CopyResult> {
  const { files, database, copied } = await copy;
  return result(store, files, database, copied);
}
