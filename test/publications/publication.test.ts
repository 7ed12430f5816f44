import { describe, expect, it } from 'vitest';
import { parseBangkokInstant, PublicationInputSchema } from '../../src/publications/publication.js';
import { topicsNamedIn, topics } from '../../src/subscriptions/topic-catalog.js';
import { TOPIC_IDS } from '../../src/subscriptions/topics.js';

describe('publishAt', () => {
  it.each([
    ['2026-12-01T09:00', '2026-12-01T02:00:00.000Z'],
    ['2026-12-01 09:00:30', '2026-12-01T02:00:30.000Z'],
    ['2026-12-01T02:00:00Z', '2026-12-01T02:00:00.000Z'],
    ['2026-12-01T09:00+07:00', '2026-12-01T02:00:00.000Z'],
    ['2026-12-01T09:00:00.5+0700', '2026-12-01T02:00:00.500Z'],
    // A leading zero in the fraction counts: .05 s is 50 ms, not 500
    ['2026-12-01T09:00:00.05+0700', '2026-12-01T02:00:00.050Z'],
    ['2026-12-01T09:00:00.007', '2026-12-01T02:00:00.007Z'],
    ['2026-12-31T23:30', '2026-12-31T16:30:00.000Z'],
  ])('when %s is given, then it is the instant %s (no offset: Asia/Bangkok)', (text, iso) => {
    expect(parseBangkokInstant(text)?.toISOString()).toBe(iso);
  });

  it.each(['tomorrow', '2026-12-01', '2026-02-30T09:00', '2026-12-01T25:00', '1/12/2569 09:00'])(
    'when %s is given, then it is refused',
    (text) => {
      expect(parseBangkokInstant(text)).toBeNull();
    },
  );
});

describe('publication input', () => {
  it('when fields are missing, malformed or unknown, then each is named', () => {
    const result = PublicationInputSchema.safeParse({
      title: '',
      body: 'x'.repeat(3001),
      topic: 'sports',
      url: 'ftp://x.org',
      imageUrl: 'http://x.org/a.jpg',
      extra: 1,
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.') || i.message);
    expect(paths).toEqual(expect.arrayContaining(['title', 'body', 'topic', 'url', 'imageUrl']));
    expect(JSON.stringify(result.error!.issues)).toContain('extra');
  });
});

describe('topics', () => {
  it('when data/topics.json is read, then it names every stable topic id once, in order, in Thai', () => {
    expect(topics().map((t) => t.id)).toEqual([...TOPIC_IDS]);
    expect(topics().find((t) => t.id === 'measure')?.name).toBe('มาตรการส่งเสริมคุณธรรมและความโปร่งใส');
  });

  it.each([
    ['ไม่รับข่าวจัดซื้อจัดจ้าง', ['procurement']],
    ['ขอรับประกาศจัดซื้อจัดจ้างครับ', ['procurement']],
    ['รับข่าวประกาศ กับ รายงานผล', ['announcement', 'report']],
    ['ยกเลิกรับข่าวสาร', []],
  ])('when a message says %s, then it names %j', (text, ids) => {
    expect(topicsNamedIn(text)).toEqual(ids);
  });
});
