import { describe, expect, it } from 'vitest';
import { EQUALS_KEPT, equalsKeptSize, equalsPhrase, phrases } from '../../../src/content/matching/phrase-match.js';
import * as P from '../../../src/content/matching/intent-phrases.js';
import { FIELD_PHRASES, KIND_PHRASES } from '../../../src/content/answers/question-kinds.js';

/** A copy of the list is a list never seen: its answer is worked out afresh, nothing kept is read. */
const afresh = (word: string, list: readonly string[]): boolean => equalsPhrase(word, [...list]);

const LISTS: readonly (readonly string[])[] = [
  ...KIND_PHRASES.map(([, words]) => words),
  ...Object.values(FIELD_PHRASES),
  P.ITA_WHOLE,
  P.MEASURES_WHOLE,
  P.MENU_WHOLE,
];

const WORDS = [
  'ราชการ',
  'รายการ',
  'รายกาน',
  'มาตรการ',
  'มาตการ',
  'อะไรบ้าง',
  'ผู้ลงนาม',
  'ผู้ลงนาน',
  'งบประมาณ',
  'งบประมาน',
  'มาตรการ3',
  'มาตรการ4',
  'ita',
  'เมนู',
  '',
];

describe("a word's answer kept per phrase list", () => {
  it('when words are compared with every list twice, then both answers equal the answer worked out afresh', () => {
    let near = 0;
    for (const list of LISTS)
      for (const word of WORDS) {
        const expected = afresh(word, list);
        if (expected && !list.includes(word)) near += 1;
        expect(equalsPhrase(word, list), `${word} in ${list.slice(0, 3).join(',')}`).toBe(expected);
        expect(equalsPhrase(word, list), `${word} again`).toBe(expected);
      }
    // The words include typos the lists forgive, so kept "yes" answers are checked too.
    expect(near).toBeGreaterThan(0);
  });

  it('when more distinct words than are kept come, then the oldest are forgotten and answers stay right', () => {
    const list = phrases(['รายการ', 'อะไรบ้าง']);
    const words = Array.from({ length: EQUALS_KEPT + 50 }, (_, i) => `คำ${i}`);
    for (const word of words) expect(equalsPhrase(word, list)).toBe(false);
    expect(equalsKeptSize(list)).toBe(EQUALS_KEPT);
    expect(equalsPhrase('รายกาน', list)).toBe(true);
    expect(equalsPhrase('คำ0', list)).toBe(false);
    expect(equalsKeptSize(list)).toBe(EQUALS_KEPT);
  });

  it('when the text is a whole message, then it is compared afresh and not kept', () => {
    const list = phrases(['รายการ']);
    expect(equalsPhrase('ขอดูรายการทั้งหมดของเทศบาลหน่อยครับ', list)).toBe(false);
    expect(equalsKeptSize(list)).toBe(0);
  });
});
