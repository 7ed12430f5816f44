import { pairSlot, pairsOf } from './pair-filter.js';

/**
 * Approximate-substring matching of one phrase in a message (Sellers' algorithm over code
 * points), with the pigeonhole filter that rules most phrases out before any table is filled.
 * phrase-match.ts prepares each list's phrases once and asks this file about each.
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
export interface Prepared {
  phrase: string;
  chars: string[];
  codes: Int32Array;
  typos: number;
  pieces: string[];
  /** Each piece's first-pair slot, for the quick "no" of pair-filter.ts. */
  pieceSlots: number[];
  digits: string;
}

export function prepare(phrase: string, typos = allowedTypos([...phrase].length)): Prepared {
  const chars = [...phrase];
  const size = Math.ceil(chars.length / (typos + 1));
  const pieces: string[] = [];
  for (let at = 0; at < chars.length; at += size) pieces.push(chars.slice(at, at + size).join(''));
  return {
    phrase,
    chars,
    codes: codePoints(phrase),
    typos,
    pieces,
    pieceSlots: pieces.map(pairSlot),
    digits: digitsOf(phrase),
  };
}

/** Two rows of Sellers' table, reused by every match. */
let sellersRows = [new Int32Array(64), new Int32Array(64)];

/** `withinTypos` with the text also as code points (`t`) and the phrase prepared. */
export function withinTyposPrepared(text: string, t: Int32Array, p: Prepared, pairs = pairsOf(text)): boolean {
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

export const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** A text's code points as numbers (comparing numbers is cheaper than comparing one-letter strings). */
export function codePoints(text: string): Int32Array {
  const codes = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    codes[n++] = code;
    if (code > 0xffff) i++;
  }
  return codes.subarray(0, n);
}
