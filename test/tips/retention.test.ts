import { describe, expect, it } from 'vitest';
import { DEFAULT_TIP_RULES } from '../../src/tips/deadlines.js';
import type { EvidenceFiles } from '../../src/tips/evidence-files.js';
import { purgeExpiredTips } from '../../src/tips/retention.js';
import type { TipRecord } from '../../src/tips/tip-model.js';
import type { TipRepo } from '../../src/tips/tip-repo.js';

/** A repository of these tips in memory: the sweep's reads, and what it saved. */
function memoryRepo(tips: TipRecord[]) {
  const saved: TipRecord[] = [];
  const repo = {
    idsWhere: (pred: (t: TipRecord) => boolean) => tips.filter(pred).map((t) => t.id),
    get: (id: string) => tips.find((t) => t.id === id),
    save: (t: TipRecord) => (saved.push(t), Promise.resolve()),
    update: (id: string, change: (t: TipRecord | undefined) => TipRecord | undefined) => {
      const next = change(tips.find((t) => t.id === id));
      if (next) saved.push(next);
      return Promise.resolve(next);
    },
    compact: () => Promise.resolve(),
  } as unknown as TipRepo;
  return { repo, saved };
}

const files = { delete: () => Promise.resolve() } as unknown as EvidenceFiles;

// Closed at midnight on 1 March 2025 in Bangkok: the year of retention ends at midnight 1 March 2026
const closedTip = {
  id: 't1',
  closedAt: '2025-02-28T17:00:00.000Z',
  purgedAt: null,
  attachments: [],
  content: 'เนื้อหา',
} as unknown as TipRecord;

describe('purgeExpiredTips', () => {
  it('when 365 Bangkok days have not yet passed since closing, then the tip keeps its content', async () => {
    const { repo, saved } = memoryRepo([closedTip]);
    expect(await purgeExpiredTips(repo, files, DEFAULT_TIP_RULES, new Date('2026-02-28T16:59:59.999Z'))).toBe(0);
    expect(saved).toEqual([]);
  });

  it('when the 365th Bangkok midnight comes, then the content goes and the purge is dated', async () => {
    const { repo, saved } = memoryRepo([closedTip]);
    const now = new Date('2026-02-28T17:00:00.000Z');
    expect(await purgeExpiredTips(repo, files, DEFAULT_TIP_RULES, now)).toBe(1);
    expect(saved).toMatchObject([{ id: 't1', content: null, purgedAt: now.toISOString() }]);
  });
});
