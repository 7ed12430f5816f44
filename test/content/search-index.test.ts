import { beforeAll, describe, expect, it } from 'vitest';
import { SearchIndex } from '../../src/content/search-index.js';
import { publicationItem, type SearchItem } from '../../src/content/search-items.js';
import { syntheticPublications } from '../helpers/synthetic-publications.js';
import { measureOrder, shippedSearch, type ShippedSearch } from '../helpers/shipped-search.js';

const SYNONYMS = [
  ['ทุจริต', 'โกง', 'คอรัปชั่น', 'corruption'],
  ['โพนทราย', 'โพธาราย', 'phon sai'],
  ['ดุลพินิจ', 'ดุลยพินิจ', 'discretion'],
];

function item(id: string, title: string, body = '', kind: SearchItem['kind'] = 'publication'): SearchItem {
  return {
    id,
    kind,
    title,
    fields: [
      { text: title, weight: 3 },
      { text: body, weight: 1 },
    ],
    ref: { docId: 'test' },
  };
}

describe('SearchIndex on hand-made items', () => {
  const items = [
    item('roads', 'ประกาศจัดซื้อจัดจ้างก่อสร้างถนนคอนกรีต', 'ถนนสายหลักหมู่ที่ 3'),
    item('waste', 'การจัดเก็บค่าธรรมเนียมขยะมูลฝอย', 'อัตราค่าเก็บขยะรายเดือน'),
    item('fraud', 'ช่องทางร้องเรียนการทุจริต', 'แจ้งได้ที่สำนักปลัดเทศบาลตำบลโพนทราย'),
    item('audit', 'มาตรการตรวจสอบการใช้ดุลพินิจ', 'ผู้บริหารกำกับดูแล'),
  ];

  it('when a word of a title is asked, then that item comes first', () => {
    expect(new SearchIndex(items, SYNONYMS).search('ขยะ')[0]?.item.id).toBe('waste');
  });

  it('when a synonym is used, then it finds the item written with another term of its group', () => {
    const index = new SearchIndex(items, SYNONYMS);
    expect(index.search('คอรัปชั่น')[0]?.item.id).toBe('fraud');
    expect(index.search('discretion')[0]?.item.id).toBe('audit');
  });

  it('when the town is spelled either way, then both spellings find the same item', () => {
    const index = new SearchIndex(items, SYNONYMS);
    expect(index.search('ร้องเรียน โพธาราย')[0]?.item.id).toBe('fraud');
    expect(index.search('ร้องเรียน โพนทราย')[0]?.item.id).toBe('fraud');
  });

  it('when a word is misspelled, then the item is still found', () => {
    const index = new SearchIndex(items, SYNONYMS);
    expect(index.search('ดุลพินิด')[0]?.item.id).toBe('audit');
    expect(index.search('ค่าธรรมเนียมขะย')[0]?.item.id).toBe('waste');
  });

  it('when an item is removed, then it is no longer found, and an id added again replaces the old item', () => {
    const index = new SearchIndex(items, SYNONYMS);
    expect(index.remove('waste')).toBe(true);
    expect(index.remove('waste')).toBe(false);
    expect(index.search('ขยะ')).toEqual([]);
    index.add([item('roads', 'ซ่อมไฟฟ้าส่องสว่าง')]);
    expect(index.size).toBe(3);
    expect(index.search('ถนนคอนกรีต')).toEqual([]);
    expect(index.search('ไฟฟ้าส่องสว่าง')[0]?.item.id).toBe('roads');
  });

  it('when the question shares nothing with the items, then nothing is answered', () => {
    const index = new SearchIndex(items, SYNONYMS);
    expect(index.answer('ร้านกาแฟแถวนี้มีที่ไหนบ้าง')).toEqual({ best: null, runnersUp: [] });
    expect(index.search('qwerty')).toEqual([]);
  });
});

describe('SearchIndex on the shipped content', () => {
  let shipped: ShippedSearch;
  beforeAll(async () => {
    shipped = await shippedSearch();
  });

  it('when a question names a measure that is also a section of the announcement, then the measure comes first and the section follows', () => {
    const { best, runnersUp } = shipped.index.answer('มาตรการตรวจสอบการใช้ดุลพินิจ');
    expect(best?.item.kind).toBe('measure');
    expect(measureOrder(shipped, best!.item)).toBe(2);
    expect(runnersUp[0]?.item.kind).toBe('section');
    expect(runnersUp[0]?.item.rankBelow).toBe(best?.item.id);
  });

  it('when a question is about the announcement itself, then the announcement comes first', () => {
    for (const question of [
      'ประกาศลงวันที่ ๑๐ มกราคม',
      'ใครเป็นผู้ลงนามประกาศ',
      'ประกาศของนายกเทศมนตรี',
      'ประกาศ 10 ม.ค. 2568',
    ]) {
      expect(shipped.index.answer(question).best?.item.kind, question).toBe('announcement');
    }
  });

  it('when the ITA score is asked in Thai digits, Arabic digits or words, then the ITA result answers', () => {
    for (const question of ['ได้คะแนน ๙๓.๐๕ ใช่ไหม', 'ITA 93.05', 'คะแนนเก้าสิบสามจุดศูนย์ห้า', 'ita score']) {
      expect(shipped.index.answer(question).best?.item.kind, question).toBe('ita');
    }
  });

  it('when the official typo "ไม่ควรรทำ" or the correct spelling is asked, then measure 1 answers', () => {
    for (const question of ['ไม่ควรรทำ', 'ไม่ควรทำ', "do & don't"]) {
      const best = shipped.index.answer(question).best;
      expect(best && measureOrder(shipped, best.item), question).toBe(1);
    }
  });

  it('when a question is out of scope, then there is no answer rather than an unrelated item', () => {
    for (const question of ['ร้านกาแฟแถวนี้มีที่ไหนบ้าง', 'qwerty', 'พรุ่งนี้ฝนตกไหม', 'ขอเบอร์ร้านส้มตำ', 'เทศบาลอยู่ที่ไหน']) {
      expect(shipped.index.answer(question), question).toEqual({ best: null, runnersUp: [] });
    }
  });

  it('when runners-up are given, then each scores close to the best', () => {
    const { best, runnersUp } = shipped.index.answer('ITA ได้กี่คะแนน');
    for (const hit of runnersUp) expect(hit.score).toBeGreaterThanOrEqual(best!.score * 0.6);
  });

  it('when a publication is added at runtime, then it is answerable at once, and gone once removed', () => {
    const index = new SearchIndex(shipped.items, shipped.synonyms);
    const news = publicationItem({
      id: 'p-1',
      title: 'ประกาศรับสมัครพนักงานจ้างตามภารกิจ',
      body: 'ตำแหน่งผู้ช่วยนักวิชาการ',
      topic: 'announcement',
      publishedAt: '2025-03-01T03:00:00Z',
    });
    index.add([news]);
    expect(index.answer('รับสมัครพนักงานจ้าง').best?.item.id).toBe(news.id);
    index.remove(news.id);
    expect(index.answer('รับสมัครพนักงานจ้าง').best).toBeNull();
  });

  it('when 1,000 publications are indexed, then questions are still answered in milliseconds', () => {
    const index = new SearchIndex(shipped.items, shipped.synonyms);
    index.add(syntheticPublications(1_000));
    const questions = ['ITA ได้กี่คะแนน', 'ประกาศผู้ชนะการเสนอราคาถนน', 'ดุลพินิด', 'qwerty', 'เทศบาลเปิดเผยข้อมูลอะไรบ้าง'];
    for (const q of questions) index.answer(q);
    const start = performance.now();
    for (let i = 0; i < 200; i++) index.answer(questions[i % questions.length] ?? '');
    // Generous bound for a shared CI machine; the bench measures p99 against the 5 ms target.
    expect((performance.now() - start) / 200).toBeLessThan(5);
    expect(index.answer('มาตรการตรวจสอบการใช้ดุลพินิจ').best?.item.kind).toBe('measure');
  });
});
