import path from 'node:path';
import { ConversationRepo, ConversationStateSchema, type ConversationStore } from '../bot/conversation.js';
import type { Config } from '../config.js';
import type { QuestionStore } from '../content/question-log.js';
import { deriveKeys, type DataKeys } from '../crypto/keys.js';
import { masterKey } from '../crypto/master-key.js';
import { PostgresAccountStore } from '../db/account-store-postgres.js';
import { PostgresAuditTrail } from '../db/audit-trail-postgres.js';
import { PostgresConversationStore } from '../db/conversation-store-postgres.js';
import { PostgresDeliveryBatches } from '../db/delivery-batches-postgres.js';
import { PostgresFriendChangeCounts } from '../db/friend-change-counts.js';
import { PostgresFriendStore } from '../db/friend-store-postgres.js';
import { PostgresInbox } from '../db/inbox-postgres.js';
import type { PostgresStores } from '../db/postgres-stores.js';
import { PostgresPublicationStore } from '../db/publication-store-postgres.js';
import { PostgresSessionStore } from '../db/session-store-postgres.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { PostgresTipStore } from '../db/tip-store-postgres.js';
import { Inbox } from '../line/inbox.js';
import type { InboxStore } from '../line/inbox-store.js';
import type { Logger } from '../logger.js';
import { AuditLog } from '../staff/audit-log.js';
import type { LineLinkStore } from '../staff/line-link-store.js';
import type { SharedLimits } from '../http/shared-limits.js';
import type { EvidenceStore } from '../tips/evidence-store.js';
import { openSharedStores } from './open-shared-stores.js';
import { PrivateStore } from '../storage/private-store.js';
import { friendCodec, FriendRepo, FriendSchema } from '../subscriptions/store/friend-repo.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';

/** Where each store lives, for the start's log line and the tests. */
export type StoreBackends = Record<(typeof STORE_NAMES)[number], 'file' | 'postgres'>;

const STORE_NAMES = [
  'inbox',
  'tips',
  'audit',
  'accounts',
  'sessions',
  'friends',
  'conversations',
  'questions',
  'publications',
  'lineLinks',
  'limits',
  'attachments',
] as const;
/** The stores a tenant keeps in PostgreSQL; the rest are files under its folder until they move. */
const ON_POSTGRES = new Set<string>([
  'inbox',
  'tips',
  'audit',
  'accounts',
  'sessions',
  'conversations',
  'friends',
  'publications',
  'questions',
  'lineLinks',
  'limits',
  'attachments',
]);

/** The stores the runtime hands to its features, opened in one place. */
export interface BotStores {
  keys: DataKeys;
  inbox: InboxStore;
  /** The town's FriendRepo (answers at once), or a tenant's PostgresFriendStore. */
  friends: FriendStore;
  conversations: ConversationStore;
  questions: QuestionStore;
  audit: AuditLog;
  /** The audit trail's file (the console verifies its chain). */
  auditFile: string;
  lineLinks: LineLinkStore;
  /** Login attempts, receipt lookups, tips per day, the /tip form's one-time values: memory for one town, a tenant's rows. */
  limits: SharedLimits;
  /**
   * A tenant's tips, audit trail, console accounts and sessions in PostgreSQL, for the tip
   * channel (its `store`), the console (`accounts`, `sessions`) and the audit (in place of
   * `audit`). Absent for the single town: its tip channel and console open their files.
   * `publications` and `deliveryBatches` are Publishing's (src/publications/publishing-stores.ts):
   * shared by every process serving the tenant, batches and due publications claimed.
   */
  tenantStores?: Pick<PostgresStores, 'tips' | 'audit' | 'accounts' | 'sessions'> & {
    publications: PostgresPublicationStore;
    deliveryBatches: PostgresDeliveryBatches;
    /** The report's friends gained and lost, counted by the friend store in each change's transaction. */
    people: PostgresFriendChangeCounts;
    /** Evidence images (tip_attachments), for the tip channel. */
    evidence: EvidenceStore;
  };
  backends: StoreBackends;
  close(): Promise<void>;
}

export interface StoreChoice {
  config: Config;
  clock: () => Date;
  logger: Logger;
  /**
   * A tenant of the shared service: its data key opens its stores, and the stores that have a
   * PostgreSQL implementation the runtime can use live in its rows (the others under the
   * config's DATA_DIR, which the service points at DATA_DIR/tenants/<id>). Absent: the single
   * town, every store under DATA_DIR and the key from TIP_ENCRYPTION_KEY, as before.
   */
  tenant?: TenantScope;
  /** How long a tenant's claimed batches and due publications stay with this process (FanOutOptions.claimLeaseMs). */
  claimLeaseMs?: number;
}

/**
 * Opens the bot's stores: the file stores under DATA_DIR for one town; for a tenant, those
 * ON_POSTGRES names in PostgreSQL (shared by every process) and the rest as files.
 * A store that fails to open closes the ones opened before it, so a failed start leaks nothing.
 */
export async function openStores(choice: StoreChoice): Promise<BotStores> {
  const { config, clock, logger, tenant } = choice;
  const stateDir = path.join(config.dataDir, 'state');
  const keys = tenant ? tenant.keys : deriveKeys(await masterKey(config));
  const opened: Array<{ close(): Promise<void> }> = [];
  const keep = <T extends { close(): Promise<void> }>(store: T): T => (opened.push(store), store);
  const closeAll = async () => {
    await Promise.all(opened.map((s) => s.close()));
  };
  try {
    const inbox = keep(
      tenant
        ? new PostgresInbox(tenant, clock, logger)
        : await Inbox.open(path.join(stateDir, 'inbox.jsonl'), keys.inbox, clock(), { logger }),
    );
    const friendFile = path.join(stateDir, 'friends.jsonl');
    const friends = tenant
      ? new PostgresFriendStore(tenant)
      : new FriendRepo(
          keep(await PrivateStore.open(friendFile, keys.people, FriendSchema, friendCodec, { logger })),
          keys,
        );
    const conversations = tenant
      ? new PostgresConversationStore(tenant)
      : await openConversationFile(path.join(stateDir, 'conversations.jsonl'), keys, logger, keep);
    const shared = await openSharedStores({ stateDir, keys, clock, logger, keep, ...(tenant ? { tenant } : {}) });
    const auditFile = path.join(stateDir, 'audit.jsonl');
    const audit = keep(await AuditLog.open(auditFile, keys.audit));
    return {
      keys,
      inbox,
      friends,
      conversations,
      questions: shared.questions,
      audit,
      auditFile,
      lineLinks: shared.lineLinks,
      limits: shared.limits,
      ...(tenant
        ? {
            tenantStores: {
              tips: new PostgresTipStore(tenant),
              audit: new PostgresAuditTrail(tenant),
              accounts: new PostgresAccountStore(tenant),
              sessions: new PostgresSessionStore(tenant, clock),
              publications: new PostgresPublicationStore(tenant, choice.claimLeaseMs),
              deliveryBatches: new PostgresDeliveryBatches(tenant, choice.claimLeaseMs),
              people: new PostgresFriendChangeCounts(tenant),
              evidence: shared.evidence!,
            },
          }
        : {}),
      backends: Object.fromEntries(
        STORE_NAMES.map((name) => [name, tenant && ON_POSTGRES.has(name) ? 'postgres' : 'file']),
      ) as StoreBackends,
      close: closeAll,
    };
  } catch (err) {
    await closeAll().catch(() => undefined);
    throw err;
  }
}

/** The town's conversation state, sealed in its file under `state/`. */
async function openConversationFile(
  file: string,
  keys: DataKeys,
  logger: Logger,
  keep: <T extends { close(): Promise<void> }>(store: T) => T,
): Promise<ConversationRepo> {
  const store = keep(await PrivateStore.open(file, keys.people, ConversationStateSchema, undefined, { logger }));
  return new ConversationRepo(store, keys);
}
