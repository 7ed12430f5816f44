import { addDays, type TipRules } from './deadlines.js';
import type { EvidenceStore } from './evidence-store.js';
import type { TipRecord } from './tip-model.js';
import type { TipStore } from './tip-store.js';

/**
 * The retention rule: once a tip has been closed for TIP_RETENTION_DAYS, its content, notes,
 * outcome, evidence files, receipt hash and reporter are deleted; what statistics need
 * (status, dates, channel, counts) stays. The tips file is then compacted, so the deleted
 * content is not left behind in older lines of the change log.
 */
export async function purgeExpiredTips(
  repo: TipStore,
  files: EvidenceStore,
  rules: TipRules,
  now: Date,
): Promise<number> {
  const isDue = (t: Readonly<TipRecord>) =>
    t.purgedAt === null && t.closedAt !== null && addDays(t.closedAt, rules.retentionDays) <= now;
  let purged = 0;
  for (const id of await repo.idsWhere(isDue)) {
    const evidence: string[] = [];
    // Checked again inside the update: a tip reopened since the scan keeps its content
    const done = await repo.update(id, (tip) => {
      if (!tip || !isDue(tip)) return undefined;
      evidence.push(...tip.attachments.map((a) => a.id));
      const { reporter: _gone, ...rest } = tip;
      return {
        ...rest,
        receiptHash: null,
        content: null,
        attachments: [],
        publicNotes: [],
        internalNotes: [],
        outcome: null,
        purgedAt: now.toISOString(),
      };
    });
    if (!done) continue;
    // After the record lets go of them: a crash in between leaves files no tip names, which the sweep removes
    for (const file of evidence) await files.delete(file);
    purged += 1;
  }
  if (purged > 0) await repo.compact();
  return purged;
}
