import type { ContentLibrary } from '../content/library.js';
import type { QuestionStore } from '../content/question-log.js';
import type { SearchIndex } from '../content/search-index.js';
import type { SharedLimits } from '../http/shared-limits.js';
import type { Logger } from '../logger.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';
import type { StaffAccounts } from '../staff/accounts.js';
import type { AuditEntry } from '../staff/audit-log.js';
import type { AuditReading } from '../staff/audit-file.js';
import type { AuditTrail } from '../staff/audit-trail.js';
import type { ReportSources } from '../staff/report-figures.js';
import type { AuditNames } from './audit-sentences.js';
import type { SessionRepository } from './session-repository.js';

/** Everything the console reads and changes, handed in by the runtime. */
export interface ConsoleDeps {
  accounts: StaffAccounts;
  sessions: SessionRepository;
  audit: AuditTrail;
  /** The audit trail as it is stored, checked against its key (the audit page). */
  readAudit: () => Promise<AuditReading>;
  dataDir: string;
  clock: () => Date;
  logger: Logger;
  friends: FriendStore;
  questions: QuestionStore;
  index: SearchIndex;
  library: ContentLibrary;
  /** The municipality's name as its pages show it, read for each page (a tenant may be renamed meanwhile). */
  town: () => string;
  /** The figures of the dashboard and the quarterly report. */
  report: ReportSources;
  /** Names of the records the audit trail points at, as they are now. */
  auditNames: () => Promise<AuditNames>;
  /** Where failed logins are counted (a tenant's rows, shared by its processes); absent: this process's memory. */
  limits?: SharedLimits;
}

/** Appends to the audit trail as `actor`, now. */
export function auditAs(
  deps: Pick<ConsoleDeps, 'audit' | 'clock'>,
  actor: string,
  action: string,
  target?: string,
  details?: AuditEntry['details'],
): Promise<AuditEntry> {
  return deps.audit.append(deps.clock(), actor, action, target, details);
}
