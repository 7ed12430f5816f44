import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuestionLog, type QuestionRecord } from '../../src/content/question-log.js';
import { readsAsReport } from '../../src/content/question-privacy.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 3);
const NOW = new Date('2026-12-06T03:00:00Z');
const question = (over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  at: NOW.toISOString(),
  intent: 'search',
  text: 'ผล ita ปีนี้',
  match: 'ita-1',
  kind: 'ita',
  score: 0.9,
  ...over,
});
const REPORT = 'เจ้าหน้าที่กองคลังขอเงินพิเศษห้าร้อยบาทก่อนออกใบอนุญาต';

async function openLog(file: string, now = NOW, opts = {}) {
  return QuestionLog.open(file, KEY, () => now, opts);
}

describe('QuestionLog', () => {
  it('when the same webhook event is recorded again, also after a restart, then it is counted once', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const log = await openLog(file);
    await log.record(question({ event: 'ev-1' }));
    await log.record(question({ event: 'ev-1' }));
    expect(log.all()).toHaveLength(1);
    await log.close();

    const reopened = await openLog(file);
    await reopened.record(question({ event: 'ev-1', text: 'again' }));
    await reopened.record(question({ event: 'ev-2', text: 'second' }));
    expect(reopened.all().map((q) => [q.text, q.event])).toEqual([
      ['ผล ita ปีนี้', 'ev-1'],
      ['second', 'ev-2'],
    ]);
    await reopened.close();
  });

  it('when questions and a report-like message are logged, then the file holds neither text and the report keeps no text in memory', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const log = await openLog(file);
    await log.record(question({ text: 'มาตรการป้องกันการรับสินบนมีอะไรบ้าง' }));
    await log.record(question({ text: REPORT, match: null, kind: null, score: null }));
    await log.record(question({ intent: 'tip', text: 'แจ้งเบาะแส' }));
    await log.close();
    const disk = await fs.readFile(file, 'utf8');
    for (const text of ['มาตรการ', 'กองคลัง', 'ห้าร้อย', 'เบาะแส', 'ita-1']) expect(disk).not.toContain(text);
    const reopened = await openLog(file);
    expect(reopened.all().map((q) => q.text)).toEqual(['มาตรการป้องกันการรับสินบนมีอะไรบ้าง', undefined, undefined]);
    await reopened.close();
  });

  it('when records are older than the retention, then opening and recording drop them from memory and disk', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const early = await openLog(file, new Date('2025-01-01T00:00:00Z'));
    await early.record(question({ at: '2025-01-01T00:00:00.000Z', text: 'คำถามเก่ามาก' }));
    await early.close();
    const later = await openLog(file, NOW, { retentionDays: 365 });
    await later.record(question({ text: 'คำถามใหม่' }));
    expect(later.all().map((q) => q.text)).toEqual(['คำถามใหม่']);
    await later.close();
    const again = await openLog(file);
    expect(again.all()).toHaveLength(1);
    await again.close();
  });

  it('when more records come than the cap, then the oldest go first', async () => {
    const log = await openLog(path.join(await tempDir(), 'questions.jsonl'), NOW, { maxRecords: 3 });
    for (const n of [1, 2, 3, 4, 5]) await log.record(question({ text: `คำถาม ${n}` }));
    expect(log.all().map((q) => q.text)).toEqual(['คำถาม 3', 'คำถาม 4', 'คำถาม 5']);
    await log.close();
  });

  it('when a vote is given and changed, then the record keeps the last one; an unknown id is refused', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const log = await openLog(file);
    await log.record(question({ id: 'abcdefghijkl' }));
    expect(await log.vote('abcdefghijkl', false)).toBe(true);
    expect(await log.vote('abcdefghijkl', true)).toBe(true);
    expect(await log.vote('zzzzzzzzzzzz', true)).toBe(false);
    await log.close();
    const reopened = await openLog(file);
    expect(reopened.get('abcdefghijkl')?.vote).toBe('up');
    expect(reopened.all()).toHaveLength(1);
    await reopened.close();
  });

  it('when an older plain file is opened, then it is sealed in place, report-like texts dropped, and a torn last line ignored', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const plain = [question({ text: 'ผู้ลงนามประกาศคือใคร' }), question({ text: REPORT })];
    await fs.writeFile(file, plain.map((r) => JSON.stringify(r) + '\n').join('') + '{"at":"20');
    const log = await openLog(file);
    expect(log.all().map((q) => q.text)).toEqual(['ผู้ลงนามประกาศคือใคร', undefined]);
    expect(log.all().every((q) => /^[a-z2-7]{12}$/.test(q.id ?? ''))).toBe(true);
    await log.close();
    const disk = await fs.readFile(file, 'utf8');
    expect(disk).not.toContain('ผู้ลงนาม');
    expect(disk).not.toContain('กองคลัง');
    await expect(fs.access(`${file}.sealing`)).rejects.toThrow();
  });

  it('when the key is wrong, then opening fails with an error instead of starting empty', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const log = await openLog(file);
    await log.record(question());
    await log.close();
    await expect(QuestionLog.open(file, Buffer.alloc(32, 9), () => NOW)).rejects.toThrow(/damaged or the key is wrong/);
  });

  it('when a group is dismissed, then the dismissal survives a restart and is not counted as a question', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const log = await openLog(file);
    await log.record(question({ text: 'ร้านกาแฟ' }));
    await log.dismiss('ร้านกาแฟ', NOW);
    await log.close();
    const reopened = await openLog(file);
    expect(reopened.dismissed().get('ร้านกาแฟ')).toBe(NOW.toISOString());
    expect(reopened.get(reopened.all()[0]!.id!)?.text).toBe('ร้านกาแฟ');
    expect(await reopened.vote('d' + '0'.repeat(20), true)).toBe(false);
    expect(reopened.all()).toHaveLength(1);
    await reopened.close();
  });
});

describe('readsAsReport', () => {
  it('when a message describes wrongdoing without trigger words, then it reads as a report; plain questions do not', () => {
    for (const text of [
      REPORT,
      'นายสมชาย ใจดี ใช้รถหลวงไปงานบวช',
      'ผมโดนเรียกเงินตอนขอใบอนุญาต',
      'โทรหา 0812345678 ด่วน',
      'ก'.repeat(101),
    ])
      expect(readsAsReport(text), text).toBe(true);
    for (const text of [
      'ผล ita ปีนี้',
      'มาตรการมีกี่ข้อ',
      'ข้อ 5 ว่าอย่างไร',
      'ใครเป็นผู้ลงนามประกาศ',
      'ita ย่อมาจากอะไร',
      'นายกเทศมนตรีชื่ออะไร',
    ])
      expect(readsAsReport(text), text).toBe(false);
  });
});

describe('question log when the disk refuses', () => {
  it('when a question line cannot be written, then record() does not fail, the question is still counted, and the failure is logged without its text', async () => {
    const logger = createMemoryLogger();
    const log = await QuestionLog.open(path.join(await tempDir(), 'questions.jsonl'), KEY, () => NOW, { logger });
    const file = (log as unknown as { file: { append: () => Promise<void> } }).file;
    const append = file.append.bind(file);
    file.append = () => Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await expect(
      log.record({
        at: NOW.toISOString(),
        intent: 'search',
        text: 'ita ได้กี่คะแนน',
        match: null,
        kind: null,
        score: null,
      }),
    ).resolves.toBeUndefined();
    expect(log.all()).toHaveLength(1);
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'question not written', error: 'ENOSPC' }),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('คะแนน');
    file.append = append;
    await log.close();
  });
});
