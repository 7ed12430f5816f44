import { describe, expect, it } from 'vitest';
import { lightNormalize } from '../../src/thai/normalize.js';
import { CHUNKS_KEPT, chunksKept, segmentFresh, wordPieces } from '../../src/thai/word-pieces.js';

const TEXTS = [
  'รบกวนถามหน่อย ร้านกาแฟแถวนี้มีที่ไหนบ้างครับ',
  'รบกวนถามหน่อย ร้านกาแฟแถวนี้มีที่ไหนบ้าง',
  'ITA ปี 2568 ได้กี่คะแนน ครับ',
  'มาตรการส่งเสริมคุณธรรมและความโปร่งใส เทศบาลตำบลโพนทราย',
  'ประกาศลงวันที่ 10.5 มกราคม พศ 2568 ค่ะ',
  'ควรรทำ ไม่ควรทำ ครับบบ',
  'hello world 3.14 ok',
  // A mark after a space attaches to the space: such text is segmented whole.
  'ก \u0E48ข \u0E31ค',
  'จริยธรรม'.repeat(20),
  '',
];

describe('wordPieces', () => {
  it('gives the same pieces as segmenting the whole text, on first reading and from the memo', () => {
    for (const raw of TEXTS) {
      const light = lightNormalize(raw);
      const fresh = segmentFresh(light);
      expect(wordPieces(light)).toEqual(fresh);
      expect(wordPieces(light)).toEqual(fresh);
    }
  });

  it('returns a copy the caller may change without changing the memo', () => {
    const first = wordPieces('เทศบาล ครับ');
    first.push('x');
    expect(wordPieces('เทศบาล ครับ')).toEqual(segmentFresh('เทศบาล ครับ'));
  });

  it('keeps at most its bound of chunks, dropping the oldest', () => {
    for (let i = 0; i < CHUNKS_KEPT + 50; i++) wordPieces(`คำ${i} เทศบาล`);
    expect(chunksKept()).toBe(CHUNKS_KEPT);
    expect(wordPieces('คำ1 เทศบาล')).toEqual(segmentFresh('คำ1 เทศบาล'));
    expect(chunksKept()).toBe(CHUNKS_KEPT);
  });
});
