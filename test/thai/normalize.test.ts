import { describe, expect, it } from 'vitest';
import { collapseRepeats, lightNormalize, normalize, tokens, words } from '../../src/thai/normalize.js';
import { isFillerWord, isParticle } from '../../src/thai/stop-words.js';

describe('normalize', () => {
  it('when text holds zero-width and other invisible characters, then they are removed', () => {
    expect(normalize('ดุล\u200Bพินิจ\u200C\u200D\uFEFF')).toBe('ดุลพินิจ');
    expect(normalize('ประ\u00ADกาศ\u200E')).toBe('ประกาศ');
  });

  it('when text is decomposed, then it is composed (NFC) and a typed nikhahit + sara aa becomes sara am', () => {
    expect(normalize('cafe\u0301')).toBe('caf\u00e9');
    expect(normalize('ทํา')).toBe(normalize('ทำ'));
  });

  it('when Thai digits are used, then they become Arabic and the decimal point is kept', () => {
    expect(normalize('คะแนน ๙๓.๐๕')).toBe(normalize('คะแนน 93.05'));
    expect(normalize('๙๓.๐๕')).toBe('93.05');
  });

  it('when a letter is repeated for emphasis or by a stuck key, then the run collapses', () => {
    expect(normalize('ครับบบบ')).toBe('ครับ');
    expect(normalize('ไม่ควรรทำ')).toBe(normalize('ไม่ควรทำ'));
    expect(normalize('ค่าาาา')).toBe('ค่า');
  });

  it('when a Thai mark is doubled or typed before its vowel, then the canonical form results', () => {
    expect(normalize('ไม่่')).toBe('ไม่');
    expect(normalize('ก\u0E48\u0E35')).toBe('กี่');
    expect(normalize('เเจ้งเบาะเเส')).toBe('แจ้งเบาะแส');
  });

  it('when Latin text is mixed in, then it is lower-cased and apostrophes vanish', () => {
    expect(normalize("Do & DON'T")).toBe('do dont');
    expect(normalize('ＩＴＡ')).toBe('ita');
  });

  it('when punctuation and odd spacing appear, then they become single spaces', () => {
    expect(normalize('  ดุลพินิจ,,  ความโปร่งใส!!\n(ITA) ')).toBe('ดุลพินิจ ความโปร่งใส ita');
    expect(normalize('ทุก ๆ เดือน')).toBe('ทุก เดือน');
  });

  it('when an abbreviation is dotted, then the dots are dropped', () => {
    expect(normalize('ป.ป.ช.')).toBe(normalize('ปปช'));
    expect(normalize('พ.ร.บ.')).toBe(normalize('พรบ'));
  });

  it('when only doubled letters differ, then the light form keeps them for display-like segmentation', () => {
    expect(lightNormalize('คุณธรรม')).toBe('คุณธรรม');
    expect(normalize('คุณธรรม')).toBe(normalize('คุณธรม'));
  });
});

describe('tokens', () => {
  it('when a message runs words together, then the segmenter splits them', () => {
    expect(tokens('ขอรับข่าวสารด้วยครับ')).toEqual(['ขอรับ', 'ข่าวสาร', 'ด้วย', 'ครับ']);
  });

  it('when Thai and Latin or digits touch, then they are separate words', () => {
    expect(tokens('คะแนนITAปี2568')).toEqual([normalize('คะแนน'), 'ita', 'ปี', '2568']);
  });

  it('when a slip repeats the last letter of a word as its own piece, then the piece is dropped', () => {
    expect(tokens('ไม่ควรรทำ')).toEqual(tokens('ไม่ควรทำ'));
    expect(tokens('ครับบ')).toEqual(['ครับ']);
  });
});

describe('words', () => {
  it('when a question is wrapped in polite particles and asking frames, then only its subject remains', () => {
    expect(words('พนักงานเทศบาลห้ามทำอะไรบ้างคะ')).toEqual(['พนักงาน', 'เทศบาล', 'ห้าม', 'ทำ']);
    expect(words('อยากทราบว่า ITA ได้กี่คะแนนครับผม')).toEqual(['ita', normalize('คะแนน')]);
  });

  it('when the message is "ไม่ควรทำ", then "ไม่" is kept: it carries the meaning', () => {
    expect(words('ไม่ควรทำ')).toEqual(['ไม่', 'ควร', 'ทำ']);
  });

  it('when particles are misspelled or lengthened, then they are still particles', () => {
    expect(words('ดุลพินิจครับบบ นะคะ จ้า')).toEqual(['ดุลพินิจ']);
    expect(isParticle('ค่ะ')).toBe(true);
    expect(isFillerWord('hello')).toBe(false);
    expect(isFillerWord(normalize('hello'))).toBe(true);
  });

  it('when ค่า ends a question it is the drawn-out particle ค่ะ; anywhere else it is a word (ค่าใช้จ่าย, ค่าตอบแทน)', () => {
    expect(words('ขอดูคะแนนค่า')).toEqual([normalize('คะแนน')]);
    expect(words('ขอดูคะแนนค่า จ้า')).toEqual([normalize('คะแนน')]);
    expect(words('ค่าใช้จ่าย')).toEqual(['ค่า', 'ใช้', 'จ่าย']);
    expect(tokens('ค่าตอบแทนเท่าไหร่ค่า')).toEqual(['ค่า', 'ตอบแทน', 'เท่า', 'ไหร่', 'ค่ะ']);
    expect(isParticle('ค่า')).toBe(false);
  });

  it('when the segmenter glues two filler words, then the glued word is a filler too', () => {
    expect(isFillerWord('ได้ที่')).toBe(true);
    expect(isFillerWord('ita')).toBe(false);
  });
});

describe('collapseRepeats', () => {
  it('when a text has no letter coming back after its marks, then it is returned as is; otherwise repeats collapse as the full rule says', () => {
    const rule = (text: string) => text.replace(/(\p{L}[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]*)\1+/gu, '$1');
    expect(collapseRepeats('ครับบบบ')).toBe('ครับ');
    expect(collapseRepeats('ก่ก่ก่')).toBe('ก่');
    expect(collapseRepeats('ธรรม')).toBe('ธรม');
    expect(collapseRepeats('เทศบาล')).toBe('เทศบาล');
    expect(collapseRepeats('2568')).toBe('2568');
    expect(collapseRepeats('𝒜𝒜𝒜')).toBe('𝒜');
    const alphabet = [...Array.from('กขรนเาิีุ่้ัำ'), 'a', 'l', '1', ' ', '😀', '𝒜'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 5000; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      expect(collapseRepeats(text), text).toBe(rule(text));
    }
  });
});
