import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIP_RULES } from '../../src/tips/deadlines.js';
import { EvidenceFiles } from '../../src/tips/evidence-files.js';
import { purgeExpiredTips } from '../../src/tips/retention.js';
import { TipDesk } from '../../src/tips/tip-desk.js';
import { TipFiling } from '../../src/tips/tip-filing.js';
import { TipRepo } from '../../src/tips/tip-repo.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 5);
const NOW = new Date('2026-03-02T03:00:00Z');
// A fast stand-in for scrypt: these tests are about ordering, not receipts
const hash = async (receipt: string) => `h${receipt}`;
const newTip = (what: string) => ({
  channel: 'line' as const,
  content: { what, who: null, when: null, where: null },
  attachments: [],
  notifyUserId: null,
});

/** The tip channel's parts over one file store, as openTipChannel wires them. */
async function parts(hasher = hash) {
  const dir = await tempDir();
  const repo = await TipRepo.open(path.join(dir, 'tips.jsonl'), KEY);
  const files = new EvidenceFiles(path.join(dir, 'files'), KEY);
  return {
    repo,
    files,
    filing: new TipFiling(repo, hasher),
    desk: new TipDesk(repo, files, DEFAULT_TIP_RULES),
  };
}

describe('changes to one tip at the same moment', () => {
  it('when two staff change the status while the reporter adds information and a note is kept, then every change is in the tip', async () => {
    const { repo, filing, desk } = await parts();
    const { id } = await filing.file(newTip('เรื่องเดิม'), NOW);
    await Promise.all([
      desk.changeStatus(id, { status: 'assessing', publicNote: 'รับเรื่องแล้ว' }, 'somsri', NOW),
      filing.addInformation(id, 'ข้อมูลเพิ่มเติม', [], NOW),
      desk.addNote(id, 'โทรสอบถามแล้ว', 'somchai', NOW),
      desk.changeStatus(id, { status: 'investigating' }, 'somchai', NOW),
    ]);
    const tip = repo.get(id)!;
    expect(tip.history.map((h) => [h.from, h.to])).toEqual([
      ['received', 'assessing'],
      ['assessing', 'investigating'],
    ]);
    expect(tip.status).toBe('investigating');
    expect(repo.openContent(tip)!.additions.map((a) => a.text)).toEqual(['ข้อมูลเพิ่มเติม']);
    expect(tip.internalNotes).toHaveLength(1);
    expect(tip.publicNotes.map((n) => repo.openText(n.sealed))).toEqual(['รับเรื่องแล้ว']);
  });

  it('when a tip is reopened while retention is deleting closed tips, then whichever comes second sees the first', async () => {
    const { repo, files, filing, desk } = await parts();
    const { id } = await filing.file(newTip('เรื่องที่ปิดไปนานแล้ว'), NOW);
    await desk.changeStatus(id, { status: 'closed', outcome: 'ส่งต่อหน่วยงานแล้ว' }, 'somsri', NOW);
    const later = new Date(NOW.getTime() + 400 * 24 * 3600_000);
    const [purged] = await Promise.all([
      purgeExpiredTips(repo, files, DEFAULT_TIP_RULES, later),
      desk.changeStatus(id, { status: 'investigating' }, 'somchai', later),
    ]);
    const tip = repo.get(id)!;
    // The purge scanned first but read the tip again under the lock: it was open by then
    expect(purged).toBe(0);
    expect(tip.status).toBe('investigating');
    expect(repo.openContent(tip)!.what).toBe('เรื่องที่ปิดไปนานแล้ว');
  });

  it('when two tips are filed at once and their receipts hash alike, then only one is stored and the receipt opens it', async () => {
    const { repo, filing } = await parts(async () => 'same-hash');
    const results = await Promise.allSettled([
      filing.file(newTip('เรื่องแรก'), NOW),
      filing.file(newTip('เรื่องที่สอง'), NOW),
    ]);
    const stored = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(stored).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(repo.idForReceipt('same-hash')).toBe(stored[0]!.id);
    expect(repo.all()).toHaveLength(1);
  });
});
