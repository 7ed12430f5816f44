import { describe, expect, it } from 'vitest';
import { measureOrderIn, writeOrdinals } from '../../../src/content/answers/ordinals.js';

describe('orders as residents write them', () => {
  it.each([
    ['มาตรการที่สามทำยังไง', 3],
    ['มาตรการที่ 3 ใครรับผิดชอบ', 3],
    ['มาตรการข้อ 2 ใช้งบเท่าไหร่', 2],
    ['มาตรการอันที่ ๓ มีวิธีการอะไรบ้าง', 3],
    ['มาตรการแรกคืออะไร', 1],
    ['กิจกรรมที่สองทำเมื่อไหร่', 2],
    ['the third measure, how is it done', 3],
    ['who runs the 2nd measure', 2],
    ['measure 2 budget', 2],
    ['measure no. 1 owner', 1],
  ])('when "%s" is asked, then it names measure %i', (text, order) => {
    expect(measureOrderIn(writeOrdinals(text))).toBe(order);
  });

  it('when the last measure is asked for, then it is named as the last one, whatever their number', () => {
    expect(measureOrderIn(writeOrdinals('มาตรการสุดท้ายทำอะไร'))).toBe('last');
    expect(measureOrderIn('what is the last measure')).toBe('last');
  });

  it('when no measure is named by its order, then none is read (years, clauses and counts are no order)', () => {
    expect(measureOrderIn(writeOrdinals('มาตรการปี 2567 ใช้งบเท่าไหร่'))).toBeNull();
    expect(measureOrderIn(writeOrdinals('ข้อ 3 ของประกาศว่าอะไร'))).toBeNull();
    expect(measureOrderIn(writeOrdinals('มีกี่มาตรการ'))).toBeNull();
  });

  it('when a number word begins a longer word, then it is left alone (ที่สามารถ, ข้อห้าม, เก้าอี้)', () => {
    for (const text of ['ประชาชนที่สามารถตรวจสอบได้', 'ข้อห้ามของพนักงาน', 'ที่เก้าอี้', 'อันสี่เหลี่ยม']) {
      expect(writeOrdinals(text)).toBe(text);
    }
  });

  it('when a clause is asked by a number word, then the word becomes digits the clause numbers read', () => {
    expect(writeOrdinals('ข้อสามว่าอะไร')).toMatch(/^ข้อ 3 /);
    expect(writeOrdinals('ข้อแรกของประกาศ')).toMatch(/^ข้อ 1 /);
  });
});
