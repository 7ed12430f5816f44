import { describe, expect, it } from 'vitest';
import {
  amountIn,
  askedLink,
  fixQuestionTypos,
  meets,
  readThreshold,
} from '../../../src/content/answers/question-words.js';

describe('question words', () => {
  it('when a question word is misspelled, then it reads as the word; other words stay as written', () => {
    expect(fixQuestionTypos('ITA ย่อมาจากอะรัย')).toBe('ITA ย่อมาจากอะไร');
    expect(fixQuestionTypos('ไครลงนาม')).toBe('ใครลงนาม');
    expect(fixQuestionTypos('คะแนนเท่าไร่')).toBe('คะแนนเท่าไหร่');
    expect(fixQuestionTypos('ตะไคร้')).toBe('ตะไคร้');
    const same = 'ใครลงนามในประกาศ';
    expect(fixQuestionTypos(same)).toBe(same);
  });

  it('when a number is compared with, then the threshold is read and taken out of the question', () => {
    expect(readThreshold('คะแนนเกิน 90 ไหม')).toEqual({
      threshold: { above: true, inclusive: false, value: 90 },
      rest: 'คะแนน ไหม',
    });
    expect(readThreshold('คะแนนไม่ต่ำกว่า ๘๐ ใช่ไหม').threshold).toEqual({ above: true, inclusive: true, value: 80 });
    expect(readThreshold('ต่ำกว่า 80 หรือเปล่า').threshold).toEqual({ above: false, inclusive: false, value: 80 });
    expect(readThreshold('ได้ 100 คะแนนไหม').threshold).toEqual({ above: null, inclusive: true, value: 100 });
    expect(readThreshold('ข้อ 2 ว่าอะไร')).toEqual({ threshold: null, rest: 'ข้อ 2 ว่าอะไร' });
  });

  it('when an amount is compared, then equal counts only for inclusive thresholds, and a value without a number has no amount', () => {
    expect(meets(93.05, { above: true, inclusive: false, value: 90 })).toBe(true);
    expect(meets(90, { above: true, inclusive: false, value: 90 })).toBe(false);
    expect(meets(90, { above: true, inclusive: true, value: 90 })).toBe(true);
    expect(meets(93.05, { above: null, inclusive: true, value: 100 })).toBe(false);
    expect(amountIn('๕,๐๐๐ บาท')).toBe(5000);
    expect(amountIn('ไม่ใช้งบประมาณ')).toBeUndefined();
  });

  it('when a who-question ties the doer with ของ/ต่อ, then that word is found', () => {
    expect(askedLink('โดยความเห็นชอบของใคร')).toBe('ของ');
    expect(askedLink('ต้องรายงานต่อใคร')).toBe('ต่อ');
    expect(askedLink('ใครลงนาม')).toBeNull();
  });
});
