import { describe, expect, it } from 'vitest';
import { substringDistance, withinTypos } from '../../../src/content/matching/phrase-match.js';

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
        expect(withinTypos(text, phrase, typos), `${text} ~ ${phrase} (${typos})`).toBe(
          substringDistance(text, phrase) <= typos,
        );
      }
    }
  });

  it('when texts and phrases are random (Thai letters and marks, Latin, emoji), then it still agrees, run after run', () => {
    const alphabet = [...Array.from('กขคงจรลวสอเแาิีุู่้ัำ'), 'a', 'b', '1', '😀', '👍🏽'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (max: number) =>
      Array.from({ length: Math.floor(random() * max) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        '',
      );
    for (let n = 0; n < 3000; n++) {
      const text = word(24);
      const phrase = word(10) || 'ก';
      const typos = 1 + (n % 3);
      expect(withinTypos(text, phrase, typos), `${text} ~ ${phrase} (${typos})`).toBe(
        substringDistance(text, phrase) <= typos,
      );
    }
  });
});
