import path from 'node:path';
import type { Router } from 'express';
import type { Config } from '../config.js';
import type { ContentLibrary } from '../content/library.js';
import type { QuestionStore } from '../content/question-log.js';
import type { SearchIndex } from '../content/search-index.js';
import { contentItems } from '../content/search-items.js';
import type { Logger } from '../logger.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';
import type { Publishing } from '../publications/publishing.js';
import { AppendLog } from '../storage/append-log.js';
import type { AccountRepository } from '../staff/account-repository.js';
import { AccountStore, accountsFile } from '../staff/account-store.js';
import { StaffAccounts } from '../staff/accounts.js';
import { readAndVerifyAudit, suspectEntries, type AuditCheck, type AuditReading } from '../staff/audit-file.js';
import type { AuditTrail } from '../staff/audit-trail.js';
import type { LineLinkStore } from '../staff/line-link-store.js';
import type { SharedLimits } from '../http/shared-limits.js';
import { PeopleStats } from '../staff/people-stats.js';
import type { PublicationFigure, ReportSources } from '../staff/report-figures.js';
import type { TipChannel } from '../tips/tip-channel.js';
import { createConsoleRouter, type ConsoleFeature } from './console-router.js';
import { createLineLinkRoutes } from './routes/line-link-routes.js';
import { createPublicationsRoutes } from './routes/publications-routes.js';
import { createTipsRoutes } from './routes/tips-routes.js';
import type { SessionRepository } from './session-repository.js';
import { SessionStore } from './sessions.js';

export interface ConsoleWiring {
  config: Config;
  clock: () => Date;
  logger: Logger;
  /** The trail entries are appended to; one that can check itself (PostgreSQL's) is checked that way on the audit page. */
  audit: AuditTrail & { verify?: () => Promise<AuditCheck> };
  auditFile: string;
  auditKey: Buffer;
  /** Watched for follows, blocks and topic changes too (the report's gained and lost). */
  friends: FriendStore;
  questions: QuestionStore;
  index: SearchIndex;
  library: ContentLibrary;
  /** The municipality's name its pages show (the town's from its documents, a tenant's from the tenants table). */
  town: () => string;
  tips: Pick<TipChannel, 'desk' | 'notify' | 'stats'>;
  publishing: Publishing;
  /** Staff members' own LINE accounts for test-sends, linked by a code sent in chat. */
  lineLinks: LineLinkStore;
  /** The console's accounts (a tenant's PostgreSQL rows); absent: DATA_DIR/state/staff-accounts.json. */
  accounts?: AccountRepository;
  /** Console sessions (a tenant's PostgreSQL rows, shared by every process); absent: this process's memory. */
  sessions?: SessionRepository;
  /** Failed-login counts (a tenant's PostgreSQL rows, shared by every process); absent: this process's memory. */
  limits?: SharedLimits;
  /**
   * Friends gained and lost for the report, counted by the friend store (a tenant's rows, every
   * process's changes); absent: DATA_DIR/state/people-stats.jsonl, fed by watching `friends`.
   */
  people?: ReportPeople;
}

/** Where the report's friends gained and lost come from. */
export interface ReportPeople {
  between(from: Date, to: Date): ReturnType<PeopleStats['between']> | Promise<ReturnType<PeopleStats['between']>>;
  close(): Promise<void>;
}

/** The town's counts in their file, kept by watching its friend store. */
async function openPeopleStats(w: ConsoleWiring): Promise<PeopleStats> {
  const file = await AppendLog.open(path.join(w.config.dataDir, 'state', 'people-stats.jsonl'), { durable: false });
  const people = new PeopleStats(file.log, file.records, w.clock, w.logger);
  w.friends.observe(people.observe);
  return people;
}

export interface StaffConsole {
  router: Router;
  accounts: StaffAccounts;
  /** The quarterly report's sources, shared with GET /staff/api/stats. */
  report: ReportSources;
  close(): Promise<void>;
}

/** The console at /staff, built from the runtime's parts (one call in runtime.ts). */
export async function openConsole(w: ConsoleWiring): Promise<StaffConsole> {
  const accounts = new StaffAccounts(
    w.accounts ?? new AccountStore(accountsFile(w.config.dataDir)),
    new Set(w.config.staffTokens.values()),
  );
  const people = w.people ?? (await openPeopleStats(w));
  const titles = new Map(w.library.documents.flatMap(contentItems).map((item) => [item.id, item.title]));
  const report: ReportSources = {
    questions: w.questions,
    friends: () => w.friends.counts(),
    subscribers: () => w.friends.subscriberCount(),
    subscribersByTopic: () => w.friends.topicCounts(),
    people: (from, to) => people.between(from, to),
    // A publication answers as "publication:<its id>" (src/content/search-items.ts)
    itemTitle: (id) =>
      titles.get(id) ??
      (id.startsWith('publication:') ? w.publishing.get(id.slice('publication:'.length))?.title : undefined),
    tips: (from, to) => w.tips.stats(from, to),
    publications: (from, to) => publicationFigures(w.publishing, from, to),
  };
  const features: ConsoleFeature[] = [
    { path: '/tips', router: createTipsRoutes({ desk: w.tips.desk, notify: w.tips.notify }) },
    { path: '/publications', router: createPublicationsRoutes(w.publishing, w.lineLinks) },
    { path: '/line-link', router: createLineLinkRoutes(w.lineLinks) },
  ];
  const auditNames = async () => {
    const numbers = new Map((await w.tips.desk.list({}, w.clock())).map((t) => [t.id, t.number]));
    return {
      tipNumber: (id: string) => numbers.get(id) ?? undefined,
      publicationTitle: (id: string) => w.publishing.get(id)?.title,
      itemTitle: report.itemTitle,
    };
  };
  const deps = {
    accounts,
    sessions: w.sessions ?? new SessionStore(w.clock),
    audit: w.audit,
    readAudit: auditReader(w),
    dataDir: w.config.dataDir,
    clock: w.clock,
    logger: w.logger,
    friends: w.friends,
    questions: w.questions,
    index: w.index,
    library: w.library,
    town: w.town,
    report,
    auditNames,
    ...(w.limits ? { limits: w.limits } : {}),
  };
  return { router: createConsoleRouter(deps, features), accounts, report, close: () => people.close() };
}

/** Publications whose sending started in [from, to), with their delivery figures. */
function publicationFigures(publishing: Publishing, from: Date, to: Date): PublicationFigure[] {
  const [a, b] = [from.toISOString(), to.toISOString()];
  return publishing
    .list()
    .filter((p) => p.publishedAt !== null && p.publishedAt >= a && p.publishedAt < b)
    .map((p) => {
      const { delivery } = publishing.view(p);
      const state = p.status === 'sending' ? delivery.state : p.status;
      return {
        id: p.id,
        title: p.title,
        topic: p.topic,
        state,
        at: p.publishedAt!,
        recipients: delivery.recipients,
        accepted: delivery.accepted,
        failed: delivery.failed,
        pending: delivery.pending,
      };
    })
    .sort((x, y) => x.at.localeCompare(y.at));
}

/**
 * How the audit page reads the trail: a trail that checks itself (a tenant's rows in PostgreSQL)
 * is listed and checked there; the file trail is read as it is on disk (not from the running
 * bot's memory of it, which an edit to the file would not touch).
 */
export function auditReader(w: Pick<ConsoleWiring, 'audit' | 'auditFile' | 'auditKey'>): () => Promise<AuditReading> {
  const { audit, auditKey } = w;
  const verify = audit.verify?.bind(audit);
  if (!verify) return () => readAndVerifyAudit(w.auditFile, auditKey);
  return async () => {
    const entries = await audit.list();
    return { entries, check: await verify(), suspects: suspectEntries(auditKey, entries) };
  };
}
