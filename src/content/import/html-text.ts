import { collapseWhitespace } from './source-lines.js';

/** Any HTML tag; `<` followed by a letter or `/`, so "a < b" in Thai text is left alone. */
export const TAG = /<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;
/** Tags that separate words when rendered, so removing them must leave a space. */
const BREAKING_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'td', 'th']);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the few HTML entities office exports produce (&amp; &nbsp; &#39; …). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? whole;
    const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Text of a fragment with its tags removed and entities decoded, whitespace collapsed. */
export function htmlToText(fragment: string): string {
  const withoutTags = fragment.replace(TAG, (_tag, _slash, name: string) =>
    BREAKING_TAGS.has(name.toLowerCase()) ? ' ' : '',
  );
  return collapseWhitespace(decodeEntities(withoutTags));
}

/** True when the text holds list markup (<ul>, <ol> or <li>) that must become a list. */
export function hasListMarkup(text: string): boolean {
  return /<\s*\/?\s*(?:ul|ol|li)\b/i.test(text);
}
