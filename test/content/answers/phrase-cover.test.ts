import { describe, expect, it } from 'vitest';
import { PhraseCover } from '../../../src/content/answers/phrase-cover.js';

/** What PhraseCover replaces: every occurrence of every phrase, found by indexOf one phrase at a time. */
function coveredByIndexOf(text: string, phrases: readonly string[]): number[] {
  const covered = new Uint8Array(text.length);
  for (const phrase of phrases.filter(Boolean))
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1))
      covered.fill(1, at, at + phrase.length);
  return [...covered];
}

const coveredBy = (text: string, phrases: readonly string[]): number[] => {
  const covered = new Uint8Array(text.length);
  new PhraseCover(phrases).cover(text, covered);
  return [...covered];
};

describe('phrases covering a question', () => {
  it('when phrases overlap, repeat, share a first letter or end the text, then every letter inside one is covered', () => {
    const phrases = ['อะไร', 'อะไรบ้าง', 'ใคร', 'ไร', 'ทำ', 'ทำไม', 'what', 'at', 'ที่ไหน', 'ไหน'];
    expect(coveredBy('ใครทำอะไรบ้าง', phrases)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(coveredBy('มาตรการทำไมอะไร', ['ทำไม', 'อะไร'])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(coveredBy('whatwhat', ['at'])).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    expect(coveredBy('aaa', ['aa'])).toEqual([1, 1, 1]);
    expect(coveredBy('ภาษี', phrases)).toEqual([0, 0, 0, 0]);
    expect(coveredBy('', phrases)).toEqual([]);
  });

  it('when an empty phrase is among them, then it covers nothing', () => {
    expect(coveredBy('อะไร', ['', 'ไร'])).toEqual([0, 0, 1, 1]);
  });

  it('when many questions are read, then the cover equals searching each phrase with indexOf', () => {
    const phrases = [
      'อะไร',
      'อะไรบ้าง',
      'บ้าง',
      'ใคร',
      'ผู้ใด',
      'เมื่อไหร่',
      'ไหร่',
      'เท่าไหร่',
      'กี่',
      'ไหม',
      'มั้ย',
      'how',
      'who',
      'o',
    ];
    const questions = [
      'ใครลงนามในประกาศ',
      'คะแนนitaเท่าไหร่ครับ',
      'มาตรการมีอะไรบ้างบ้าง',
      'whoisthemayor',
      'ประกาศเมื่อไหร่ไหม',
      'กี่กี่กี่',
      'how how',
      'ผู้ใดผู้ใด',
    ];
    for (const q of questions) expect(coveredBy(q, phrases), q).toEqual(coveredByIndexOf(q, phrases));
  });
});
