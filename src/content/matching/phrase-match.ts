import { analyzeText, compactForm } from '../text-analysis.js';
import { isParticle } from '../../thai/stop-words.js';
import { editDistanceOf } from '../fuzzy-vocabulary.js';
import { pairsOf } from './pair-filter.js';
import { codePoints, digitsOf, prepare, withinTyposPrepared, type Prepared } from './typo-match.js';

export { allowedTypos, substringDistance, withinTypos } from './typo-match.js';

/**
 * Typo-tolerant phrase matching for intent words. Messages are short, so a plain
 * approximate-substring scan (Sellers' algorithm) is cheap; phrases are kept in compact
 * matching form ("ขอรับ ข่าวสาร" and "ขอรับข่าวสาร" are the same phrase).
 */

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
  const content = analyzed.tokens
    .filter((t) => !t.filler)
    .map((t) => t.text)
    .join('');
  return { tokens: list, compact, compactCodes: codePoints(compact), starts, content };
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

/** A list's phrases by their first UTF-16 unit, and a bit per low byte of those units (a quick "none here"). */
interface FirstLetters {
  byCode: Map<number, string[]>;
  lowBytes: Uint32Array;
}

/** Each list's phrases by their first letter, so a message is checked at its word starts only. */
const byFirstLetter = new WeakMap<readonly string[], FirstLetters>();

/** The low byte's bit of a unit in a 256-bit set (Thai and Latin letters each have distinct low bytes). */
const lowByteHas = (bits: Uint32Array, code: number): boolean =>
  (bits[(code & 0xff) >>> 5]! & (1 << (code & 31))) !== 0;
const lowByteAdd = (bits: Uint32Array, code: number): void => {
  bits[(code & 0xff) >>> 5]! |= 1 << (code & 31);
};

/** Keyed by the first unit as a number: a one-letter Thai string would be a new string per lookup. */
function firstLetterIndex(list: readonly string[]): FirstLetters {
  let index = byFirstLetter.get(list);
  if (!index) {
    index = { byCode: new Map(), lowBytes: new Uint32Array(8) };
    // An empty phrase gets a key no letter has, as before (it never counts as written).
    for (const phrase of list) {
      const first = phrase === '' ? -1 : phrase.charCodeAt(0);
      index.byCode.set(first, [...(index.byCode.get(first) ?? []), phrase]);
      lowByteAdd(index.lowBytes, first);
    }
    byFirstLetter.set(list, index);
  }
  return index;
}

/** True when the message contains one of the phrases as written, starting at a word (no typos forgiven). */
export function containsExactPhrase(said: Utterance, list: readonly string[]): boolean {
  const { byCode, lowBytes } = firstLetterIndex(list);
  const compact = said.compact;
  for (const at of said.starts) {
    const code = at < compact.length ? compact.charCodeAt(at) : -1;
    // No phrase starts with a letter of this low byte: no need to look it up.
    if (!lowByteHas(lowBytes, code)) continue;
    const candidates = byCode.get(code);
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

/** Texts this short (a word) have their answers kept per list; a whole message is compared afresh. */
const KEPT_CHARS = 16;
/** Answers kept per list, the oldest forgotten first (the documents' words are a few thousand at most). */
export const EQUALS_KEPT = 2_000;
const equalsKept = new WeakMap<readonly string[], Map<string, boolean>>();

/**
 * True when the compact text is one of the phrases, allowing typos (never in digits: "มาตรการ3").
 * Every question's words are compared with some 35 lists ("ราชการ" is one typo from "รายการ"),
 * and the same words come in question after question: a word's answer is kept per list.
 */
export function equalsPhrase(compact: string, list: readonly string[]): boolean {
  if (compact.length > KEPT_CHARS) return equalsAfresh(compact, list);
  let kept = equalsKept.get(list);
  if (!kept) equalsKept.set(list, (kept = new Map<string, boolean>()));
  let answer = kept.get(compact);
  if (answer === undefined) {
    answer = equalsAfresh(compact, list);
    if (kept.size >= EQUALS_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(compact, answer);
  }
  return answer;
}

/** The number of answers kept for a list (for tests: the memory stays bounded). */
export const equalsKeptSize = (list: readonly string[]): number => equalsKept.get(list)?.size ?? 0;

function equalsAfresh(compact: string, list: readonly string[]): boolean {
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
