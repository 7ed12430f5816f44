import { toArabicDigits } from './digits.js';
import { isFillerWord, isParticle } from './stop-words.js';
import { collapseRepeats, THAI_MARKS } from './repeats.js';
import { wordPieces } from './word-pieces.js';

export { collapseRepeats } from './repeats.js';

/**
 * Text normalisation for matching (never for display): residents type on phones, mix Thai and
 * Arabic digits, repeat letters for emphasis ("ครับบบบ") and slip on keys ("ไม่ควรรทำ"); the
 * official documents have typos of their own. Both sides go through the same functions, so
 * anything collapsed here (including legitimate doubles such as "ธรรม" → "ธรม") still matches.
 */

/** Format characters (zero-width space/joiners, BOM, bidi marks, soft hyphen) and variation selectors. */
const INVISIBLE = /[\p{Cf}\uFE00-\uFE0F]/gu;
const FULLWIDTH = /[\uFF01-\uFF5E]/g;
const THAI_MARK = THAI_MARKS;
const REPEATED_MARK = new RegExp(`([${THAI_MARK}])\\1+`, 'g');
/** A tone mark typed before the vowel it sits on ("ก่ี"); Unicode order is vowel then tone. */
const TONE_BEFORE_VOWEL = /([\u0E48-\u0E4B])([\u0E31\u0E34-\u0E3A])/g;
/** Letters (with their marks) typed more than twice in a row are always emphasis or a stuck key. */
const LONG_RUN = new RegExp(`(\\p{L}[${THAI_MARK}]*)\\1{2,}`, 'gu');
/** Thai repetition/abbreviation signs and everything that is not a letter, mark, digit or dot. */
const PUNCTUATION = /[ๆฯ๏๚๛]|[^\p{L}\p{M}\p{N}.\s]/gu;
const DECIMAL_POINT = /(?<=\d)\.(?=\d)/g;
/** The segmenter keeps "คะแนนita" or "ปี2568" as one word: split where the script changes. */
const SCRIPT_CHANGE =
  /(?<=[\u0E00-\u0E7F])(?=[a-z0-9])|(?<=[a-z0-9])(?=[\u0E00-\u0E7F])|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/g;

/**
 * Everything but the doubled-letter collapse: the word segmenter reads legitimate doubles
 * ("คุณธรรม") better than collapsed ones, so `tokens` segments this form and collapses per token.
 */
export function lightNormalize(text: string): string {
  // A message is read several times (words for intents, for search, the logged form): once is
  // enough. Two are kept: the question without its time words is read between two readings of it.
  for (const seen of lastLight) if (seen.text === text) return seen.normalized;
  const normalized = lightNormalizeOnce(text);
  lastLight[1] = lastLight[0]!;
  lastLight[0] = { text, normalized };
  return normalized;
}

const lastLight = [
  { text: '', normalized: '' },
  { text: '', normalized: '' },
];

function lightNormalizeOnce(text: string): string {
  return toArabicDigits(text.normalize('NFC'))
    .replace(INVISIBLE, '')
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/\u0E4D\u0E32/g, '\u0E33') // nikhahit + sara aa typed for sara am
    .replace(/\u0E40\u0E40/g, '\u0E41') // two sara e typed for sara ae ("เเ" → "แ")
    .replace(TONE_BEFORE_VOWEL, '$2$1')
    .replace(REPEATED_MARK, '$1')
    .replace(LONG_RUN, '$1')
    .replace(/['’‘`]/g, '') // "don't" → "dont"
    .replace(DECIMAL_POINT, '\u0000')
    .replace(/\./g, '') // abbreviations: "ป.ป.ช." → "ปปช", "พ.ศ." → "พศ"
    .replace(/\u0000/g, '.')
    .replace(PUNCTUATION, ' ')
    .replace(SCRIPT_CHANGE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The matching form of a text: NFC, invisible characters removed, Thai digits as Arabic,
 * Latin lower-cased, Thai mark order fixed, repeated marks and letters collapsed,
 * punctuation as spaces (decimal points kept), whitespace collapsed.
 */
export function normalize(text: string): string {
  return collapseRepeats(lightNormalize(text));
}

/**
 * All word-like tokens of a text, in order, in matching form. A one-letter token that merely
 * repeats the end of the token before it ("ควร|ร|ทำ", "ครับ|บบ") was a slip and is dropped.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const piece of wordPieces(lightNormalize(text))) {
    const token = collapseRepeats(piece);
    const previous = out.at(-1);
    if (previous !== undefined && isEcho(previous, token)) continue;
    out.push(token);
  }
  endingParticles(out);
  return out;
}

/** The words of a text as written (not in matching form: doubles kept, "จริยธรรม"), for typo repair. */
export function writtenWords(text: string): string[] {
  return wordPieces(lightNormalize(text));
}

/** The drawn-out ค่ะ ("เท่าไหร่ค่า") is ค่า only among the particles ending a text; elsewhere ค่า is a word (ค่าใช้จ่าย). */
const DRAWN_OUT = 'ค่า';

function endingParticles(list: string[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const token = list[i]!;
    if (token === DRAWN_OUT) list[i] = 'ค่ะ';
    else if (!isParticle(token)) return;
  }
}

const MARKS = new RegExp(`[${THAI_MARK}]`, 'g');

function isEcho(previous: string, token: string): boolean {
  if (token.length > 3) return false;
  const letter = [...token.replace(MARKS, '')];
  return letter.length === 1 && /^[\u0E01-\u0E2E]$/.test(letter[0] ?? '') && previous.endsWith(token);
}

/**
 * The words that carry meaning for search: `tokens` without polite particles, fillers
 * ("อยากทราบ", "หน่อย") and function words ("ที่", "ของ", "การ"). "ไม่" is kept: "ไม่ควรทำ".
 */
export function words(text: string): string[] {
  return tokens(text).filter((token) => !isFillerWord(token));
}
