import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TipFiling } from '../../src/tips/tip-filing.js';
import { fiscalYearOf } from '../../src/thai/fiscal-year.js';
import { tipNumberText } from '../../src/tips/tip-number.js';
import { TipRepo } from '../../src/tips/tip-repo.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 3);
// A fast stand-in for scrypt: these tests are about numbers, not receipts
const hash = async (receipt: string) => `h${receipt}`;
const newTip = {
  channel: 'line' as const,
  content: { what: 'เรื่องทดสอบ', who: null, when: null, where: null },
  attachments: [],
  notifyUserId: null,
};

describe('readable tip numbers', () => {
  it('when an instant is on either side of 1 October midnight in Bangkok, then the fiscal year changes there', () => {
    expect(fiscalYearOf(new Date('2025-09-30T16:59:59Z'))).toBe(2568); // 23:59:59 on 30 Sep in Bangkok
    expect(fiscalYearOf(new Date('2025-09-30T17:00:00Z'))).toBe(2569); // midnight, 1 Oct in Bangkok
    expect(fiscalYearOf(new Date('2026-09-30T16:59:59Z'))).toBe(2569);
    expect(tipNumberText('2569-0012')).toBe('๒๕๖๙-๐๐๑๒');
    expect(tipNumberText(undefined)).toBe('-');
  });

  it('when tips are filed across a fiscal year boundary, then each year counts from 0001 and the numbers survive a restart', async () => {
    const file = path.join(await tempDir(), 'tips.jsonl');
    let repo = await TipRepo.open(file, KEY);
    const filing = new TipFiling(repo, hash);
    const at = ['2025-09-30T10:00:00Z', '2025-09-30T17:00:00Z', '2025-11-02T03:00:00Z'];
    const filed = await Promise.all(at.map((t) => filing.file(newTip, new Date(t))));
    expect(filed.map((f) => repo.get(f.id)!.number)).toEqual(['2568-0001', '2569-0001', '2569-0002']);
    // The number comes from the filing order alone (asserted above); besides its hash (here a
    // transparent stand-in) the receipt is nowhere in the record
    for (const f of filed) {
      const { receiptHash: _hash, ...rest } = repo.get(f.id)!;
      expect(JSON.stringify(rest)).not.toContain(f.receipt.replace(/\D/g, ''));
    }
    await repo.close();
    repo = await TipRepo.open(file, KEY);
    expect(repo.get(filed[2]!.id)!.number).toBe('2569-0002');
    await new TipFiling(repo, hash).file(newTip, new Date('2026-01-05T03:00:00Z'));
    expect(
      repo
        .all()
        .map((t) => t.number)
        .sort(),
    ).toEqual(['2568-0001', '2569-0001', '2569-0002', '2569-0003']);
    await repo.close();
  });

  it('when a store holds tips filed before numbers existed, then they are numbered in filing order on open, once', async () => {
    const file = path.join(await tempDir(), 'tips.jsonl');
    const repo = await TipRepo.open(file, KEY);
    const filing = new TipFiling(repo, hash);
    // Filed out of time order on purpose: the numbers follow the time received, not the order written
    for (const t of ['2026-02-01T03:00:00Z', '2025-12-01T03:00:00Z', '2026-01-01T03:00:00Z'])
      await filing.file(newTip, new Date(t));
    const byTime = repo
      .all()
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((t) => t.id);
    await repo.close();
    // Take the numbers away, as an older version of the bot wrote the file
    const lines = fs
      .readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.replace(/"number":"[^"]*",?/, ''));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('"number"');

    const reopened = await TipRepo.open(file, KEY);
    expect(byTime.map((id) => reopened.get(id)!.number)).toEqual(['2569-0001', '2569-0002', '2569-0003']);
    await reopened.close();
    const again = await TipRepo.open(file, KEY);
    expect(byTime.map((id) => again.get(id)!.number)).toEqual(['2569-0001', '2569-0002', '2569-0003']);
    await again.close();
  });
});
