import { describe, expect, it } from 'vitest';
import { addRepairTerms, repairTerms } from '../../src/thai/term-repair.js';

describe('typo repair before word splitting', () => {
  addRepairTerms(['มาตรการ', 'ดุลพินิจ', 'ประกาศ', 'จริยธรรม', 'คุณธรรม', 'ราชการ', 'โพนทราย']);

  it('when a document word is written with a letter left out or a sound-alike letter, then it is written as the word', () => {
    expect(repairTerms('มาตการดุลพินิจใช้งบบ่')).toBe('มาตรการดุลพินิจใช้งบบ่');
    expect(repairTerms('ดุลพินิดคืออะไร')).toBe('ดุลพินิจคืออะไร');
    expect(repairTerms('ประกาดล่าสุด')).toBe('ประกาศล่าสุด');
  });

  it('when a short "a" (ะ) is written where it is only said, then the word, with its double letters, is repaired', () => {
    expect(repairTerms('มาตรการจริยะธรรมใครรับผิดชอบ')).toBe('มาตรการจริยธรรมใครรับผิดชอบ');
    expect(repairTerms('คุณะธรรมคืออะไร')).toBe('คุณธรรมคืออะไร');
  });

  it('when ทร is written as it sounds (ซ, ส), then the word is repaired', () => {
    expect(repairTerms('เทศบาลโพนซายได้กี่คะแนน')).toBe('เทศบาลโพนทรายได้กี่คะแนน');
    expect(repairTerms('โพนสายอยู่จังหวัดไหน')).toBe('โพนทรายอยู่จังหวัดไหน');
  });

  it('when the vowel "ai" is written the other way (ไ- for -าย), then the town name is repaired', () => {
    expect(repairTerms('เทศบาลโพนไทรได้คะแนนเท่าไหร่')).toBe('เทศบาลโพนทรายได้คะแนนเท่าไหร่');
    expect(repairTerms('โพนใทรอยู่ไหน')).toBe('โพนทรายอยู่ไหน');
    expect(repairTerms('ไปเที่ยวโพนไทรมา')).toBe('ไปเที่ยวโพนทรายมา');
  });

  it('when a misspelling starts anywhere in a long run (after other words, at its very end), then it is repaired', () => {
    expect(repairTerms('ขอถามว่ามาตรการดุลพินิดใช้งบเท่าไหร่')).toBe('ขอถามว่ามาตรการดุลพินิจใช้งบเท่าไหร่');
    expect(repairTerms('อยากทราบเรื่องประกาด')).toBe('อยากทราบเรื่องประกาศ');
    expect(repairTerms('ประกาด')).toBe('ประกาศ');
    // Five letters of a misspelling are not one: too short to be repaired anywhere.
    expect(repairTerms('ขอดูประกา')).toBe('ขอดูประกา');
  });

  it('when the words are spelt right, then nothing changes (a misspelling across two words is left alone)', () => {
    for (const text of [
      'มาตรการจริยธรรมได้ผลยังไง',
      'มาตรการมีกี่ประการ',
      'รายงานผลคุณธรรมความโปร่งใสฉบับนี้ของปีงบไหนครับ',
      'มาตราการดุลพินิจ ใครรับผิดชอบ',
      'ITA score 93.05',
      '',
    ])
      expect(repairTerms(text), text).toBe(text);
  });
});
