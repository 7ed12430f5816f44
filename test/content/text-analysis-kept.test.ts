import { describe, expect, it } from 'vitest';
import { ANALYSED_KEPT, analyzeText } from '../../src/content/text-analysis.js';

const TEXTS = [
  'ร้านกาแฟแถวนี้มีที่ไหนบ้าง',
  'ร้าน กาแฟ แถว',
  'ขอถามว่าITA ได้กี่คะแนนนะ',
  'ขอถามว่าITA ได้กี่คะแนน',
  'มาตรการ do & don’t ครับบบ',
];

describe('texts analysed last are kept', () => {
  it('when texts come back in turns, then each answer is the one analysed first, equal to a fresh analysis', () => {
    const first = TEXTS.slice(0, ANALYSED_KEPT).map((text) => analyzeText(text));
    for (let round = 0; round < 3; round++)
      TEXTS.slice(0, ANALYSED_KEPT).forEach((text, i) => expect(analyzeText(text)).toBe(first[i]));
    // Pushed out by others, a text is analysed again: a new object, the same analysis.
    const before = analyzeText(TEXTS[0]!);
    for (let i = 0; i < ANALYSED_KEPT; i++) analyzeText(`อื่น ${i}`);
    const again = analyzeText(TEXTS[0]!);
    expect(again).not.toBe(before);
    expect(again).toEqual(before);
  });

  it('when many texts are analysed, then only the last few are kept and every answer is right', () => {
    const fresh = TEXTS.map((text) => structuredClone(analyzeText(text)));
    for (let i = 0; i < 50; i++) TEXTS.forEach((text, j) => expect(analyzeText(text)).toEqual(fresh[j]));
    expect(ANALYSED_KEPT).toBeLessThanOrEqual(8);
  });
});
