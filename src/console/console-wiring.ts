import type { Router } from 'express';
import type { Config } from '../config.js';
import type { ContentLibrary } from '../content/library.js';
import type { QuestionLog } from '../content/question-log.js';
import type { SearchIndex } from '../content/search-index.js';
import { contentItems } from '../content/search-items.js';
import type { Logger } from '../logger.js';
import type { FriendRepo } from '../people/friend-repo.js';
import { AccountStore, accountsFile } from '../staff/account-store.js';
import { StaffAccounts } from '../staff/accounts.js';
import type { AuditLog } from '../staff/audit-log.js';
import type { ReportSources } from '../staff/report-figures.js';
import { createConsoleRouter, type ConsoleFeature } from './console-router.js';
import { SessionStore } from './sessions.js';

export interface ConsoleWiring {
  config: Config;
  clock: () => Date;
  logger: Logger;
  audit: AuditLog;
  auditFile: string;
  auditKey: Buffer;
  friends: FriendRepo;
  questions: QuestionLog;
  index: SearchIndex;
  library: ContentLibrary;
  /** What the tips and publications features add to the figures. */
  report?: Partial<ReportSources>;
  features?: ConsoleFeature[];
}

/** The console at /staff, built from the runtime's parts (one call in runtime.ts). */
export function createConsole(w: ConsoleWiring): { router: Router; accounts: StaffAccounts } {
  const accounts = new StaffAccounts(new AccountStore(accountsFile(w.config.dataDir)), new Set(w.config.staffTokens.values()));
  const titles = new Map(w.library.documents.flatMap(contentItems).map((item) => [item.id, item.title]));
  const report: ReportSources = {
    questions: w.questions,
    friends: () => w.friends.counts(),
    subscribers: () => w.friends.counts().following,
    subscribersByTopic: () => ({}),
    ...w.report,
    itemTitle: (id) => titles.get(id) ?? w.report?.itemTitle?.(id),
  };
  const router = createConsoleRouter(
    { accounts, sessions: new SessionStore(w.clock), audit: w.audit, auditFile: w.auditFile, auditKey: w.auditKey, dataDir: w.config.dataDir, clock: w.clock, logger: w.logger, friends: w.friends, questions: w.questions, index: w.index, library: w.library, report },
    w.features ?? [],
  );
  return { router, accounts };
}
