/** Thai marks written above or below a consonant: vowels, tone marks, thanthakhat, nikhahit. */
export const THAI_MARKS = '\\u0E31\\u0E34-\\u0E3A\\u0E47-\\u0E4E';

const DOUBLE = new RegExp(`(\\p{L}[${THAI_MARKS}]*)\\1+`, 'gu');

/**
 * Collapses every run of a repeated letter (with its marks) to one: "ควรร" → "ควร",
 * "hello" → "helo". Matching only: it also collapses legitimate doubles ("ธรรม" → "ธรม"),
 * which is harmless because both sides of every comparison go through it.
 */
export function collapseRepeats(text: string): string {
  return mayRepeat(text) ? text.replace(DOUBLE, '$1') : text;
}

const isThaiMark = (unit: number) =>
  unit === 0x0e31 || (unit >= 0x0e34 && unit <= 0x0e3a) || (unit >= 0x0e47 && unit <= 0x0e4e);

/**
 * False only when nothing can repeat: no character comes back right after its own marks. Most
 * words pass this scan without the (much slower) backreferencing expression.
 */
function mayRepeat(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    // A letter outside the BMP is two units: leave such texts to the expression.
    if (text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdfff) return true;
    let next = i + 1;
    while (next < text.length && isThaiMark(text.charCodeAt(next))) next++;
    if (next < text.length && text.charCodeAt(next) === text.charCodeAt(i)) return true;
  }
  return false;
}
