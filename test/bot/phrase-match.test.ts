import { describe, expect, it } from 'vitest';
import { substringDistance, withinTypos } from '../../src/bot/phrase-match.js';

describe('withinTypos', () => {
  const cases: Array<[string, string]> = [
    ['ขอยกเลิกรับข่าวสารครับ', 'ยกเลิกรับข่าวสาร'],
    ['ขอยกเลกรับข่าวสาร', 'ยกเลิกรับข่าวสาร'],
    ['ยกเลิกรับขาวสารด้วย', 'ยกเลิกรับข่าวสาร'],
    ['อยากแจงเบาะแสครับ', 'แจ้งเบาะแส'],
    ['ร้านกาแฟแถวนี้', 'แจ้งเบาะแส'],
    ['', 'แจ้งเบาะแส'],
    ['แจ้ง', 'แจ้งเบาะแส'],
  ];

  it('when compared with the full dynamic programme, then it agrees for every typo budget', () => {
    for (const [text, phrase] of cases) {
      for (const typos of [1, 2, 3]) {
        expect(withinTypos(text, phrase, typos), `${text} ~ ${phrase} (${typos})`).toBe(substringDistance(text, phrase) <= typos);
      }
    }
  });
});
