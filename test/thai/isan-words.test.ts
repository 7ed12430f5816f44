import { describe, expect, it } from 'vitest';
import { centralWords } from '../../src/thai/isan-words.js';

describe('Isan words written as the documents write them', () => {
  it('when เฮ็ด or a บ่ before a verb is typed, then ทำ and ไม่ are searched', () => {
    expect(centralWords('บ่ควรเฮ็ดอีหยัง')).toBe('ไม่ควรทำอะไร');
    expect(centralWords('เจ้าหน้าที่บ่ต้องรายงานบ่')).toBe('เจ้าหน้าที่ไม่ต้องรายงานบ่');
  });

  it('when บ่ asks yes or no after a verb, then it is left alone', () => {
    for (const text of ['ใช้งบบ่', 'ได้คะแนนเกิน 90 บ่', 'แม่นบ่', 'บ่อยแค่ไหน']) expect(centralWords(text), text).toBe(text);
  });

  it('when Isan "what" (หยัง, อีหยัง) is typed, then อะไร is read; หยั่ง (to gauge) stays', () => {
    expect(centralWords('ประกาศเรื่องหยัง')).toBe('ประกาศเรื่องอะไร');
    expect(centralWords('ชื่ออีหยัง')).toBe('ชื่ออะไร');
    expect(centralWords('หยั่งเสียง')).toBe('หยั่งเสียง');
  });
});
