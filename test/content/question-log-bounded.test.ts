import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { QuestionLog, QuestionRecordSchema, type QuestionRecord } from '../../src/content/question-log.js';
import { QuestionRing } from '../../src/content/question-ring.js';
import { seal } from '../../src/crypto/sealed.js';
import { AppendLog } from '../../src/storage/append-log.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 3);
const NOW = new Date('2026-12-06T03:00:00Z');
const TEXTS = ['ผล ita ปีนี้', 'มาตรการมีกี่ข้อ', 'ใครเป็นผู้ลงนามประกาศ'];
const question = (n: number, over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  at: new Date(NOW.getTime() + n).toISOString(),
  intent: 'search',
  text: TEXTS[n % 3],
  match: n % 2 ? 'ita-1' : null,
  kind: n % 2 ? 'ita' : null,
  score: n % 2 ? 0.25 * (n % 4) : null,
  ...over,
});
const lines = async (file: string) => (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean).length;
const open = (file: string, opts = {}, now = NOW) => QuestionLog.open(file, KEY, () => now, opts);

describe('QuestionLog, bounded', () => {
  it('when ten times the cap of questions are asked, then memory holds the cap, the file is compacted a few times (never per question) and reopens the same', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const rewrite = vi.spyOn(AppendLog.prototype, 'rewriteInBackground');
    const log = await open(file, { maxRecords: 400 });
    for (let n = 0; n < 4000; n++) {
      await log.record(question(n, { event: `ev-${n}` }));
      // Let the background work have its turns, as webhooks arriving would.
      if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(log.size).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rewrite.mock.calls.length).toBeGreaterThan(0);
    expect(rewrite.mock.calls.length).toBeLessThan(10);
    rewrite.mockRestore();
    const kept = log.all();
    expect(kept[0]!.at).toBe(question(3600).at);
    await log.close();
    // A snapshot chunk, then at most about the dead lines allowed (not one line per question asked).
    expect(await lines(file)).toBeLessThan(1000 + 400);
    const reopened = await open(file, { maxRecords: 400 });
    expect(reopened.all()).toEqual(kept);
    // The latest events are still known after the compactions: a replay is not counted again.
    await reopened.record(question(3999, { event: 'ev-3999' }));
    expect(reopened.size).toBe(400);
    expect(reopened.all().at(-1)).toEqual(kept.at(-1));
    await reopened.close();
  });

  it('when questions and votes come while a compaction seals its snapshot, then none is lost and the last vote counts', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const log = await open(file, { maxRecords: 100 });
    for (let n = 0; n < 1200; n++)
      await log.record(question(n, { id: `q${String(n).padStart(11, 'a')}`.slice(0, 12) }));
    const voted = log.all().at(-1)!;
    const rewrite = vi.spyOn(AppendLog.prototype, 'rewriteInBackground');
    // The records above went past the dead-line limit: a compaction is sealing its first chunk now.
    const during = [
      log.record(question(5000, { id: 'duringaaaaaa' })),
      log.vote(voted.id!, false),
      log.record(question(5001, { id: 'duringbbbbbb' })),
    ];
    await Promise.all(during);
    expect(rewrite).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rewrite).toHaveBeenCalledTimes(1);
    rewrite.mockRestore();
    await log.vote(voted.id!, true);
    const before = log.all();
    await log.close();
    const reopened = await open(file, { maxRecords: 100 });
    expect(reopened.all()).toEqual(before);
    expect(
      reopened
        .all()
        .slice(-2)
        .map((q) => q.id),
    ).toEqual(['duringaaaaaa', 'duringbbbbbb']);
    expect(reopened.get(voted.id!)?.vote).toBe('up');
    await reopened.close();
  });

  it('when records pass the retention, then the file written at the next open no longer holds them', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const early = await open(file, {}, new Date('2025-06-01T00:00:00Z'));
    for (let n = 0; n < 5; n++)
      await early.record(question(n, { at: new Date(Date.parse('2025-06-01T00:00:00Z') + n).toISOString() }));
    await early.record(question(9, { at: '2026-06-01T00:00:00.000Z', text: 'ยังอยู่' }));
    await early.close();
    const later = await open(file, { retentionDays: 365 });
    await later.close();
    // Opened again with a retention long enough to keep everything: only what the file still holds shows.
    const everything = await open(file, { retentionDays: 10_000 });
    expect(everything.all().map((q) => q.text)).toEqual(['ยังอยู่']);
    await everything.close();
  });

  it('when many questions are asked and none is dropped, then the file is still sealed into chunks now and then, so a start opens chunks', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const log = await open(file);
    for (let n = 0; n < 12_000; n++) {
      await log.record(question(n));
      if (n % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await log.close();
    // 10,001 lines of their own became about ten chunks; the rest are still lines of their own.
    expect(await lines(file)).toBeLessThan(2_100);
    const reopened = await open(file);
    expect(reopened.size).toBe(12_000);
    await reopened.close();
  });

  it('when a dismissal passes the retention, then it is dropped, and stays dropped after a restart', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    let now = new Date('2025-06-01T00:00:00Z');
    const log = await QuestionLog.open(file, KEY, () => now, {});
    await log.dismiss('ร้านกาแฟ', now);
    now = new Date('2026-06-02T00:00:00Z');
    expect(log.sweep(now)).toBe(1);
    expect(log.dismissed().size).toBe(0);
    await log.close();
    const reopened = await QuestionLog.open(file, KEY, () => now, { retentionDays: 10_000 });
    expect(reopened.dismissed().size).toBe(0);
    await reopened.close();
  });

  it('when a file was written by the earlier log (a PrivateStore with snapshot chunks, votes and deletions), then it opens with the same records', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const store = await PrivateStore.open(file, KEY, QuestionRecordSchema);
    const ids = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc', 'dddddddddddd'];
    for (const [n, id] of ids.entries()) await store.set(id, question(n, { id }));
    await store.compact();
    await store.set('bbbbbbbbbbbb', question(1, { id: 'bbbbbbbbbbbb', vote: 'down' }));
    await store.delete('cccccccccccc');
    await store.close();
    const log = await open(file);
    expect(log.all().map((q) => [q.id, q.vote])).toEqual([
      ['aaaaaaaaaaaa', undefined],
      ['bbbbbbbbbbbb', 'down'],
      ['dddddddddddd', undefined],
    ]);
    expect(log.get('cccccccccccc')).toBeUndefined();
    await log.close();
  });

  it('when the file holds a line that is not a valid record, then opening fails naming the record', async () => {
    const file = path.join(await tempDir(), 'questions.jsonl');
    const bad = { at: NOW.toISOString(), intent: 'search', match: null, kind: null, score: 'high' };
    await fs.writeFile(file, JSON.stringify({ k: 'aaaaaaaaaaaa', v: { s: seal(KEY, JSON.stringify(bad)) } }) + '\n');
    await expect(open(file)).rejects.toThrow(/record 1 is invalid/);
  });
});

describe('QuestionRing', () => {
  it('when records go round the ring, then only the strings they use are held and each reads back as written', () => {
    const ring = new QuestionRing(50);
    for (let n = 0; n < 1000; n++) {
      if (ring.full) ring.shift();
      ring.push(question(n, { id: `id${n}`, text: n < 950 ? `old ${n}` : 'new' }));
    }
    expect(ring.size).toBe(50);
    // 'new', 'search', 'ita-1', 'ita': the 950 old texts are forgotten.
    expect(ring.distinctStrings).toBe(4);
    const slots = [...ring.slots()];
    expect(ring.record(slots[0]!)).toEqual({ ...question(950, { id: 'id950', text: 'new' }) });
    const standard = 'k2m7zq4abcde';
    if (ring.full) ring.shift();
    ring.push(question(1, { id: standard, vote: 'up', score: 0.123456789 }));
    expect(ring.record(ring.find(standard))).toEqual(question(1, { id: standard, vote: 'up', score: 0.123456789 }));
    while (ring.size > 0) ring.shift();
    expect(ring.distinctStrings).toBe(0);
  });

  it('when a record has a time that is not a date, then it is refused', () => {
    expect(() => new QuestionRing(2).push(question(1, { at: 'yesterday' }))).toThrow(/not a date/);
  });
});
