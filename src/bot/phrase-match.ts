import { analyzeText, compactForm } from '../content/text-analysis.js';
import { isParticle } from '../thai/stop-words.js';
import { editDistanceOf } from '../content/fuzzy-vocabulary.js';
import { pairSlot, pairsOf } from './pair-filter.js';

/**
 * Typo-tolerant phrase matching for intent words. Messages are short, so a plain
 * approximate-substring scan (Sellers' algorithm) is cheap; phrases are kept in compact
 * matching form ("ขอรับ ข่าวสาร" and "ขอรับข่าวสาร" are the same phrase).
 */

/** Typos forgiven in a phrase of this many code points: none under 6, one under 12, then two. */
export function allowedTypos(length: number): number {
  return length < 6 ? 0 : length < 12 ? 1 : 2;
}

/** Smallest edit distance between `phrase` and any substring of `text` (over code points). */
export function substringDistance(text: string, phrase: string): number {
  const t = [...text];
  const p = [...phrase];
  let previous = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= p.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = p[i - 1] === t[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = row;
  }
  return Math.min(...previous);
}

/** A list of phrases in compact form, for `contains`/`equals` below. */
export function phrases(list: readonly string[]): string[] {
  return [...new Set(list.map(compactForm).filter((p) => p !== ''))];
}

/** A message as intent rules read it. */
export interface Utterance {
  /** Its words in matching form, polite particles removed. */
  tokens: string[];
  /** Those words joined: the form phrases are matched in. */
  compact: string;
  /** `compact` as code points, computed once for every phrase it is matched against. */
  compactCodes: Int32Array;
  /** Where each word starts in `compact`. */
  starts: ReadonlySet<number>;
  /** The words that carry meaning (no fillers either), joined. */
  content: string;
}

export function readUtterance(text: string): Utterance {
  const analyzed = analyzeText(text);
  const list = analyzed.tokens.map((t) => t.text).filter((t) => !isParticle(t));
  const starts = new Set<number>();
  let compact = '';
  for (const token of list) {
    starts.add(compact.length);
    compact += token;
  }
  const content = analyzed.tokens.filter((t) => !t.filler).map((t) => t.text).join('');
  return { tokens: list, compact, compactCodes: codePoints(compact), starts, content };
}

/**
 * True when `text` has a substring within `typos` edits of `phrase`. First a pigeonhole
 * filter: split the phrase into typos+1 pieces; any such match contains one piece exactly,
 * so when no piece occurs the answer is no without any dynamic programming. Then Sellers'
 * algorithm, stopped as soon as a whole row exceeds `typos` (row minima never decrease).
 */
export function withinTypos(text: string, phrase: string, typos: number): boolean {
  return withinTyposPrepared(text, codePoints(text), prepare(phrase, typos));
}

/** A phrase ready for matching: its code points, typo budget, pigeonhole pieces and digits. */
interface Prepared {
  phrase: string;
  chars: string[];
  codes: Int32Array;
  typos: number;
  pieces: string[];
  /** Each piece's first-pair slot, for the quick "no" of pair-filter.ts. */
  pieceSlots: number[];
  digits: string;
}

function prepare(phrase: string, typos = allowedTypos([...phrase].length)): Prepared {
  const chars = [...phrase];
  const size = Math.ceil(chars.length / (typos + 1));
  const pieces: string[] = [];
  for (let at = 0; at < chars.length; at += size) pieces.push(chars.slice(at, at + size).join(''));
  return { phrase, chars, codes: codePoints(phrase), typos, pieces, pieceSlots: pieces.map(pairSlot), digits: digitsOf(phrase) };
}

/** Two rows of Sellers' table, reused by every match. */
let sellersRows = [new Int32Array(64), new Int32Array(64)];

/** `withinTypos` with the text also as code points (`t`) and the phrase prepared. */
function withinTyposPrepared(text: string, t: Int32Array, p: Prepared, pairs = pairsOf(text)): boolean {
  // The filter holds only when there are typos + 1 pieces (a phrase shorter than that has fewer).
  let anyPiece = p.pieces.length <= p.typos;
  for (let i = 0; i < p.pieces.length && !anyPiece; i++) {
    const slot = p.pieceSlots[i]!;
    // A piece whose first pair the text lacks cannot be in it.
    anyPiece = (slot < 0 || pairs[slot] === 1) && text.includes(p.pieces[i]!);
  }
  if (!anyPiece) return false;
  if (sellersRows[0]!.length <= t.length) sellersRows = sellersRows.map(() => new Int32Array(2 * (t.length + 1)));
  let previous = sellersRows[0]!;
  let row = sellersRows[1]!;
  // First row: a match may start anywhere in the text.
  previous.fill(0, 0, t.length + 1);
  for (let i = 1; i <= p.codes.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = p.codes[i - 1] === t[j - 1] ? 0 : 1;
      const v = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > p.typos) return false;
    const done = previous;
    previous = row;
    row = done;
  }
  for (let j = 0; j <= t.length; j++) if (previous[j]! <= p.typos) return true;
  return false;
}

/** Phrase lists are constants: each is prepared once, the first time it is matched against. */
const preparedLists = new WeakMap<readonly string[], { all: Prepared[]; near: Prepared[] }>();

/** A list prepared: all its phrases, and those long enough to be matched with typos. */
function preparedList(list: readonly string[]): { all: Prepared[]; near: Prepared[] } {
  let entries = preparedLists.get(list);
  if (!entries) {
    const all = list.map((phrase) => prepare(phrase));
    preparedLists.set(list, (entries = { all, near: all.filter((p) => p.typos > 0) }));
  }
  return entries;
}

/**
 * True when the message contains one of the phrases starting at a word ("ปิด" is not in
 * "เปิดเผย"), or, for long phrases, something within the allowed typos of one. Every phrase is
 * looked for as written before any is matched with typos: an exact hit decides without them.
 */
export function containsPhrase(said: Utterance, list: readonly string[]): boolean {
  // An empty phrase starts at every word (as `indexOf('')` finds it); the word-start index has no empty key.
  if (containsExactPhrase(said, list) || (said.starts.size > 0 && list.includes(''))) return true;
  return containsNearPhrase(said, list);
}

/** Each list's phrases by their first letter, so a message is checked at its word starts only. */
const byFirstLetter = new WeakMap<readonly string[], Map<number, string[]>>();

/** Keyed by the first UTF-16 unit as a number: a one-letter Thai string would be a new string per lookup. */
function firstLetterIndex(list: readonly string[]): Map<number, string[]> {
  let index = byFirstLetter.get(list);
  if (!index) {
    index = new Map();
    // An empty phrase gets a key no letter has, as before (it never counts as written).
    for (const phrase of list) {
      const first = phrase === '' ? -1 : phrase.charCodeAt(0);
      index.set(first, [...(index.get(first) ?? []), phrase]);
    }
    byFirstLetter.set(list, index);
  }
  return index;
}

/** True when the message contains one of the phrases as written, starting at a word (no typos forgiven). */
export function containsExactPhrase(said: Utterance, list: readonly string[]): boolean {
  const index = firstLetterIndex(list);
  const compact = said.compact;
  for (const at of said.starts) {
    const candidates = index.get(at < compact.length ? compact.charCodeAt(at) : -1);
    if (candidates === undefined) continue;
    for (const phrase of candidates) if (compact.startsWith(phrase, at)) return true;
  }
  return false;
}

/** True when the message contains one of the phrases within its allowed typos (for lists already checked as written). */
export function containsNearPhrase(said: Utterance, list: readonly string[]): boolean {
  const near = preparedList(list).near;
  if (near.length === 0) return false;
  const pairs = pairsOf(said.compact);
  for (const p of near) if (withinTyposPrepared(said.compact, said.compactCodes, p, pairs)) return true;
  return false;
}

const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** True when the compact text is one of the phrases, allowing typos (never in digits: "มาตรการ3"). */
export function equalsPhrase(compact: string, list: readonly string[]): boolean {
  let digits: string | undefined;
  let chars: string[] | undefined;
  return preparedList(list).all.some((p) => {
    if (compact === p.phrase) return true;
    if (p.typos === 0) return false;
    chars ??= [...compact];
    // More letters apart than typos allowed: no need to compare them.
    if (Math.abs(chars.length - p.chars.length) > p.typos) return false;
    digits ??= digitsOf(compact);
    return digits === p.digits && editDistanceOf(chars, p.chars, p.typos) <= p.typos;
  });
}

/** A text's code points as numbers (comparing numbers is cheaper than comparing one-letter strings). */
function codePoints(text: string): Int32Array {
  const codes = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    codes[n++] = code;
    if (code > 0xffff) i++;
  }
  return codes.subarray(0, n);
}
