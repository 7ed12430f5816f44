/** Thai marks written above or below a consonant: vowels, tone marks, thanthakhat, nikhahit. */
export const THAI_MARKS = '\\u0E31\\u0E34-\\u0E3A\\u0E47-\\u0E4E';

const DOUBLE = new RegExp(`(\\p{L}[${THAI_MARKS}]*)\\1+`, 'gu');

/**
 * Collapses every run of a repeated letter (with its marks) to one: "ควรร" → "ควร",
 * "hello" → "helo". Matching only: it also collapses legitimate doubles ("ธรรม" → "ธรม"),
 * which is harmless because both sides of every comparison go through it.
 */
export function collapseRepeats(text: string): string {
  return text.replace(DOUBLE, '$1');
}
