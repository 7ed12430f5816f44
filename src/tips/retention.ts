import { addDays, type TipRules } from './deadlines.js';
import type { EvidenceFiles } from './evidence-files.js';
import { UserQueue } from '../bot/user-queue.js';
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
  files: EvidenceFiles,
  rules: TipRules,
  now: Date,
  /** Changes to one tip, one at a time (shared with TipDesk and TipFiling). */
  locks: UserQueue = new UserQueue(),
): Promise<number> {
  const isDue = (t: Readonly<TipRecord>) =>
    t.purgedAt === null && t.closedAt !== null && addDays(t.closedAt, rules.retentionDays) <= now;
  let purged = 0;
  for (const id of await repo.idsWhere(isDue)) {
    const done = await locks.serial(id, async () => {
      // Read again under the lock: a tip reopened since the scan keeps its content
      const tip = await repo.get(id);
      if (!tip || !isDue(tip)) return false;
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
      return true;
    });
    if (done) purged += 1;
  }
  if (purged > 0) await repo.compact();
  return purged;
}
