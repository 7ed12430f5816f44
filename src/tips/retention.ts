import { addDays, type TipRules } from './deadlines.js';
import type { EvidenceFiles } from './evidence-files.js';
import type { TipRepo } from './tip-repo.js';

/**
 * The retention rule: once a tip has been closed for TIP_RETENTION_DAYS, its content, notes,
 * outcome, evidence files, receipt hash and reporter are deleted; what statistics need
 * (status, dates, channel, counts) stays. The tips file is then compacted, so the deleted
 * content is not left behind in older lines of the change log.
 */
export async function purgeExpiredTips(
  repo: TipRepo,
  files: EvidenceFiles,
  rules: TipRules,
  now: Date,
): Promise<number> {
  const due = repo.idsWhere(
    (t) => t.purgedAt === null && t.closedAt !== null && addDays(t.closedAt, rules.retentionDays) <= now,
  );
  for (const id of due) {
    const tip = repo.get(id)!;
    for (const a of tip.attachments) await files.delete(a.id);
    const { reporter: _gone, ...rest } = tip;
    await repo.save({
      ...rest,
      receiptHash: null,
      content: null,
      attachments: [],
      publicNotes: [],
      internalNotes: [],
      outcome: null,
      purgedAt: now.toISOString(),
    });
  }
  if (due.length > 0) await repo.compact();
  return due.length;
}
