/**
 * Spelling-tolerant lookup of words among the words the index knows. Candidates come from an
 * inverted index of character trigrams (so a lookup touches only words sharing pieces with
 * the query, never the whole vocabulary); each candidate is then checked with an edit distance.
 */

/** Tone marks, thanthakhat and maitaikhu: the marks people most often get wrong or leave out. */
const TONE_MARKS = /[\u0E47-\u0E4C]/g;
const MIN_FUZZY_LENGTH = 4;
/** A word found inside a longer one must be at least half of it ("โปร่งใส" in "ความโปร่งใส", not "เงิน" in "เรียกรับเงิน"). */
const MIN_CONTAINED_SHARE = 0.5;

export interface VocabularyMatch {
  term: string;
  /** 1 for the same word; lower the further the spelling is. */
  similarity: number;
}

/** The spelling skeleton compared by the fuzzy lookup. */
function skeleton(word: string): string {
  return word.replace(TONE_MARKS, '');
}

function trigrams(word: string): Set<string> {
  const padded = [...`^${word}$`];
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3).join(''));
  return grams;
}

/** Three rows of the distance table, reused by every call (the bot asks thousands of times a second). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau-Levenshtein (optimal string alignment) distance over code points, stopping past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  return editDistanceOf([...a], [...b], max);
}

/** `editDistance` over strings already split into code points. */
export function editDistanceOf(x: readonly string[], y: readonly string[], max: number): number {
  if (Math.abs(x.length - y.length) > max) return max + 1;
  if (rows[0]!.length <= y.length) rows = rows.map(() => new Int32Array(2 * (y.length + 1)));
  let prevPrev = rows[0]!;
  let prev = rows[1]!;
  let row = rows[2]!;
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, prevPrev[j - 2]! + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const spare = prevPrev;
    prevPrev = prev;
    prev = row;
    row = spare;
  }
  return prev[y.length]!;
}

/**
 * Edits allowed between words whose shorter one has this many code points: none under 5
 * (a one-letter change turns "อร่อย" into "ร้อย"), one up to 7, two from 8.
 */
function allowedEdits(length: number): number {
  return length < 5 ? 0 : length < 8 ? 1 : 2;
}

export class FuzzyVocabulary {
  private readonly terms: string[] = [];
  private readonly known = new Set<string>();
  private readonly skeletons: string[] = [];
  private readonly postings = new Map<string, number[]>();

  /** Adds a word; adding a known word again does nothing. */
  add(term: string): void {
    if (this.known.has(term)) return;
    this.known.add(term);
    const id = this.terms.push(term) - 1;
    const skel = skeleton(term);
    this.skeletons.push(skel);
    for (const gram of trigrams(skel)) {
      const list = this.postings.get(gram);
      if (list) list.push(id);
      else this.postings.set(gram, [id]);
    }
  }

  has(term: string): boolean {
    return this.known.has(term);
  }

  /**
   * Known words spelled like `word` (not `word` itself): within the allowed edits, or
   * containing it when it is long enough to be a real piece of a word (segmentation differs
   * between a short question and a long document). Best first, at most `limit`.
   */
  lookup(word: string, limit = 4): VocabularyMatch[] {
    const skel = skeleton(word);
    const length = [...skel].length;
    if (length < MIN_FUZZY_LENGTH) return [];
    const grams = trigrams(skel);
    const shared = new Map<number, number>();
    for (const gram of grams) {
      for (const id of this.postings.get(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const needed = Math.max(1, grams.size - 3 * allowedEdits(length));
    const matches: VocabularyMatch[] = [];
    for (const [id, count] of shared) {
      const term = this.terms[id] ?? '';
      const termSkel = this.skeletons[id] ?? '';
      if (term === word) continue;
      const similarity = count >= needed ? this.similarity(skel, termSkel, length) : 0;
      const share = skel.length / termSkel.length;
      const contained =
        share >= MIN_CONTAINED_SHARE && count >= grams.size - 2 && termSkel.includes(skel) ? 0.5 + 0.4 * share : 0;
      const best = Math.max(similarity, contained);
      if (best > 0) matches.push({ term, similarity: best });
    }
    return matches.sort((a, b) => b.similarity - a.similarity || a.term.localeCompare(b.term)).slice(0, limit);
  }

  private similarity(skel: string, termSkel: string, length: number): number {
    if (skel === termSkel) return 0.95;
    const max = allowedEdits(Math.min(length, [...termSkel].length));
    const distance = editDistance(skel, termSkel, max);
    return distance > max ? 0 : 0.95 - (0.35 * distance) / max;
  }
}
