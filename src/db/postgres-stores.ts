import { deriveKeys } from '../crypto/keys.js';
import type { Logger } from '../logger.js';
import { PostgresAccountStore } from './account-store-postgres.js';
import { PostgresAuditTrail } from './audit-trail-postgres.js';
import { PostgresConversationStore } from './conversation-store-postgres.js';
import { PostgresEvidence } from './evidence-postgres.js';
import { PostgresFriendStore } from './friend-store-postgres.js';
import { PostgresInbox } from './inbox-postgres.js';
import { PostgresLineLinks } from './line-links-postgres.js';
import type { Pool } from './pool.js';
import { PostgresQuestionLog } from './question-log-postgres.js';
import { PostgresSessionStore } from './session-store-postgres.js';
import { postgresLimits } from './shared-limits-postgres.js';
import type { SharedLimits } from '../http/shared-limits.js';
import type { TenantScope } from './tenant-scope.js';
import { TenantError, type TenantRepository } from './tenants.js';
import { PostgresTipStore } from './tip-store-postgres.js';

/** The stores of one tenant on PostgreSQL, each behind the interface its file store implements. */
export interface PostgresStores {
  scope: TenantScope;
  /** TipStore (src/tips/tip-store.ts) */
  tips: PostgresTipStore;
  /** AuditTrail (src/staff/audit-trail.ts), with verify() for `audit:verify` and the console */
  audit: PostgresAuditTrail;
  /** AccountRepository (src/staff/account-repository.ts) */
  accounts: PostgresAccountStore;
  /** SessionRepository (src/console/session-repository.ts) */
  sessions: PostgresSessionStore;
  /** InboxStore (src/line/inbox-store.ts) */
  inbox: PostgresInbox;
  /** FriendStore (src/subscriptions/store/friend-store.ts) */
  friends: PostgresFriendStore;
  /** ConversationStore (src/bot/conversation.ts) */
  conversations: PostgresConversationStore;
  /** QuestionStore (src/content/question-store.ts); has a sweep timer, so close it */
  questions: PostgresQuestionLog;
  /** LineLinkStore (src/staff/line-link-store.ts) */
  lineLinks: PostgresLineLinks;
  /** EvidenceStore (src/tips/evidence-store.ts) */
  evidence: PostgresEvidence;
  /** SharedLimits (src/http/shared-limits.ts) */
  limits: SharedLimits;
}

/**
 * One active tenant's scope: its id and the subkeys of its own data key, opened from the
 * tenants table under SERVICE_KEY. An unknown or suspended tenant stops here with one line.
 */
export async function tenantScope(pool: Pool, tenants: TenantRepository, tenantId: string): Promise<TenantScope> {
  const tenant = (await tenants.list()).find((t) => t.id === tenantId);
  if (!tenant) throw new TenantError('unknown', `no tenant "${tenantId}" (npm run tenant -- add)`);
  if (tenant.status !== 'active') throw new TenantError('unknown', `tenant "${tenantId}" is suspended`);
  const secrets = await tenants.secrets(tenantId);
  return { pool, tenantId, keys: deriveKeys(secrets!.dataKey) };
}

/** The PostgreSQL stores of the tenant `scope` names; they share its pool and hold no connection of their own. */
export function postgresStores(scope: TenantScope, opts: { clock: () => Date; logger?: Logger }): PostgresStores {
  const limits = postgresLimits(scope, opts.clock);
  return {
    scope,
    tips: new PostgresTipStore(scope),
    audit: new PostgresAuditTrail(scope),
    accounts: new PostgresAccountStore(scope),
    sessions: new PostgresSessionStore(scope, opts.clock),
    inbox: new PostgresInbox(scope, opts.clock, opts.logger),
    friends: new PostgresFriendStore(scope),
    conversations: new PostgresConversationStore(scope),
    questions: new PostgresQuestionLog(scope, opts.clock, opts.logger ? { logger: opts.logger } : {}),
    lineLinks: new PostgresLineLinks(scope, opts.clock, limits),
    evidence: new PostgresEvidence(scope, opts.clock),
    limits,
  };
}
