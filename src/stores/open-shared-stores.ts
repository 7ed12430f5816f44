import fs from 'node:fs';
import path from 'node:path';
import { QuestionLog, questionLogKey, type QuestionStore } from '../content/question-log.js';
import type { DataKeys } from '../crypto/keys.js';
import { PostgresEvidence } from '../db/evidence-postgres.js';
import { PostgresLineLinks } from '../db/line-links-postgres.js';
import { PostgresQuestionLog } from '../db/question-log-postgres.js';
import { postgresLimits, pruneLimits } from '../db/shared-limits-postgres.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { memoryLimits, type SharedLimits } from '../http/shared-limits.js';
import type { Logger } from '../logger.js';
import { LineLinks } from '../staff/line-link.js';
import type { LineLinkStore } from '../staff/line-link-store.js';
import type { EvidenceStore } from '../tips/evidence-store.js';

/** The stores every bot process of a tenant must share besides its records: questions, staff links, limits, evidence. */
export interface SharedStores {
  questions: QuestionStore;
  lineLinks: LineLinkStore;
  /** Abuse limits and one-time values (login attempts, receipt lookups, tips per day, the /tip form's values). */
  limits: SharedLimits;
  /** Evidence images; absent for the single town (its tip channel keeps them under DATA_DIR/tips/files/). */
  evidence?: EvidenceStore;
}

const HOUR_MS = 60 * 60 * 1000;

interface SharedStoreChoice {
  stateDir: string;
  keys: DataKeys;
  clock: () => Date;
  logger: Logger;
  tenant?: TenantScope;
  keep: <T extends { close(): Promise<void> }>(store: T) => T;
}

/**
 * For a tenant: the question log, staff LINE links, limits and evidence in its PostgreSQL
 * rows, so any process may serve any request. For the single town: the question log and the
 * links in their sealed files under `state/`, the limits in this process's memory, as before.
 */
export async function openSharedStores(c: SharedStoreChoice): Promise<SharedStores> {
  const { tenant, clock, logger } = c;
  if (tenant) {
    const limits = postgresLimits(tenant, clock);
    const questions = c.keep(new PostgresQuestionLog(tenant, clock, { logger }));
    // As the town's file is swept when opened: what passed the retention while stopped goes now
    await questions.sweep(clock());
    c.keep(everyHour(() => pruneLimits(tenant, clock()), logger));
    warnOfOldFiles(c.stateDir, logger);
    return {
      questions,
      lineLinks: new PostgresLineLinks(tenant, clock, limits),
      limits,
      evidence: new PostgresEvidence(tenant, clock),
    };
  }
  const questionFile = path.join(c.stateDir, 'questions.jsonl');
  const questions = c.keep(await QuestionLog.open(questionFile, questionLogKey(c.keys.people), clock, { logger }));
  const linkFile = path.join(c.stateDir, 'staff-line-links.jsonl');
  const lineLinks = c.keep(await LineLinks.open(linkFile, c.keys.people, clock, { logger }));
  return { questions, lineLinks, limits: memoryLimits(clock) };
}

/** Files a tenant's folder held before these stores moved to the database: no longer read, so said once at start. */
function warnOfOldFiles(stateDir: string, logger: Logger): void {
  const dataDir = path.dirname(stateDir);
  const old = ['state/questions.jsonl', 'state/staff-line-links.jsonl', 'tips/files'].filter((f) =>
    fs.existsSync(path.join(dataDir, f)),
  );
  if (old.length > 0)
    logger.warn('files of this tenant are no longer read (now in the database)', { files: old.join(', ') });
}

/** Runs `work` every hour while the stores are open (a failure is logged, and tried again the next hour). */
function everyHour(work: () => Promise<unknown>, logger: Logger): { close(): Promise<void> } {
  const timer = setInterval(() => {
    work().catch((err: Error & { code?: string }) =>
      logger.warn('hourly sweep failed', { where: 'limit_hits', error: err.code ?? err.name }),
    );
  }, HOUR_MS).unref();
  return { close: () => Promise.resolve(clearInterval(timer)) };
}
