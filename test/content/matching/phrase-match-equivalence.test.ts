import { describe, expect, it } from 'vitest';
import {
  containsExactPhrase,
  containsNearPhrase,
  containsPhrase,
  phrases,
  readUtterance,
  substringDistance,
  withinTypos,
  type Utterance,
} from '../../../src/content/matching/phrase-match.js';
import * as P from '../../../src/content/matching/intent-phrases.js';
import { FIELD_PHRASES, FOLLOW_UP_WORDS, KIND_PHRASES } from '../../../src/content/answers/question-kinds.js';

/**
 * The matcher before it was made cheaper (one `includes` per piece of every phrase, each
 * phrase checked as written and with typos in turn), kept as the reference: whatever the new
 * one skips, it must answer the same for every message and every list.
 */
const reference = {
  allowedTypos: (length: number) => (length < 6 ? 0 : length < 12 ? 1 : 2),
  within(text: string, phrase: string, typos: number): boolean {
    const chars = [...phrase];
    const size = Math.ceil(chars.length / (typos + 1));
    const pieces: string[] = [];
    for (let at = 0; at < chars.length; at += size) pieces.push(chars.slice(at, at + size).join(''));
    let anyPiece = pieces.length <= typos;
    for (const piece of pieces) if (text.includes(piece)) anyPiece = true;
    return anyPiece && substringDistance(text, phrase) <= typos;
  },
  startsAWord(said: Utterance, phrase: string): boolean {
    for (let at = said.compact.indexOf(phrase); at >= 0; at = said.compact.indexOf(phrase, at + 1))
      if (said.starts.has(at)) return true;
    return false;
  },
  typosOf: (phrase: string) => reference.allowedTypos([...phrase].length),
  contains: (said: Utterance, list: readonly string[]) =>
    list.some(
      (p) =>
        reference.startsAWord(said, p) ||
        (reference.typosOf(p) > 0 && reference.within(said.compact, p, reference.typosOf(p))),
    ),
  exact: (said: Utterance, list: readonly string[]) => list.some((p) => p !== '' && reference.startsAWord(said, p)),
  near: (said: Utterance, list: readonly string[]) =>
    list.some((p) => reference.typosOf(p) > 0 && reference.within(said.compact, p, reference.typosOf(p))),
};

const LISTS: readonly (readonly string[])[] = [
  ...Object.values(P).filter((v): v is string[] => Array.isArray(v)),
  ...KIND_PHRASES.map(([, words]) => words),
  ...Object.values(FIELD_PHRASES),
  FOLLOW_UP_WORDS,
  // An empty list (the title field has no phrases) has no phrase to pick.
].filter((list) => list.length > 0);

let seed = 11;
const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const LETTERS = [
  ...Array.from('กขคงจชดตนบปผพมยรลวสหอะาิีึืุูเแโใไ่้๊๋ัำ็์'),
  'a',
  'e',
  's',
  'i',
  't',
  ' ',
  '1',
  '๒',
  '?',
  '😀',
  '\u200b',
];

/** A phrase from a list, sometimes with a letter dropped, doubled or changed, sometimes cut short. */
function mangled(phrase: string): string {
  const chars = [...phrase];
  const at = Math.floor(random() * (chars.length + 1));
  const roll = random();
  if (roll < 0.25) chars.splice(at, 1);
  else if (roll < 0.45) chars.splice(at, 0, pick(LETTERS));
  else if (roll < 0.6) chars.splice(at, 1, pick(LETTERS));
  else if (roll < 0.7) return chars.slice(0, Math.max(1, at)).join('');
  return chars.join('');
}

/** A message of phrases from the real lists (mangled or not), random letters and polite words. */
function message(): string {
  const parts: string[] = [];
  for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
    const roll = random();
    if (roll < 0.55) parts.push(mangled(pick(pick(LISTS))));
    else if (roll < 0.8) parts.push(Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(LETTERS)).join(''));
    else parts.push(pick(['ครับ', 'ค่ะ', 'หน่อย', 'ขอถามว่า', 'อยากทราบว่า', ' ', '??', 'ปีนี้']));
  }
  return parts.join(random() < 0.3 ? ' ' : '');
}

describe('phrase matching, made cheaper, against the matcher it replaced', () => {
  it('when thousands of generated messages are matched against every intent, kind and field list, then every answer is the same', () => {
    let hits = 0;
    let nearOnly = 0;
    const differences: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const said = readUtterance(message());
      for (const list of LISTS) {
        const expected = {
          contains: reference.contains(said, list),
          exact: reference.exact(said, list),
          near: reference.near(said, list),
        };
        const got = {
          contains: containsPhrase(said, list),
          exact: containsExactPhrase(said, list),
          near: containsNearPhrase(said, list),
        };
        if (JSON.stringify(got) !== JSON.stringify(expected))
          differences.push(`${said.compact} in [${list.join(',')}]: ${JSON.stringify(got)}`);
        if (expected.contains) hits++;
        if (expected.contains && !expected.exact) nearOnly++;
      }
    }
    expect(differences).toEqual([]);
    // The messages reach both ways of matching, so the comparison means something.
    expect(hits).toBeGreaterThan(2000);
    expect(nearOnly).toBeGreaterThan(200);
  });

  it('when random lists and texts hold emoji, lone surrogates and one-letter pieces, then withinTypos and containsPhrase still agree', () => {
    const odd = [...LETTERS, '\ud83d', '\ude00', 'ก'];
    const word = (max: number) => Array.from({ length: Math.floor(random() * max) }, () => pick(odd)).join('');
    for (let n = 0; n < 3000; n++) {
      const text = word(20);
      const phrase = word(14) || 'ก';
      const typos = 1 + (n % 3);
      expect(withinTypos(text, phrase, typos), `${text} ~ ${phrase} (${typos})`).toBe(
        reference.within(text, phrase, typos),
      );
      const list = phrases([phrase, word(8), word(13)]);
      const said = readUtterance(`${word(6)}${text}`);
      expect(containsPhrase(said, list), `${said.compact} in [${list.join(',')}]`).toBe(reference.contains(said, list));
    }
  });
});
