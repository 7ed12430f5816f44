/**
 * Where any of a fixed set of phrases occurs in a text: every occurrence, overlapping ones
 * too, as `text.indexOf(phrase, at + 1)` over each phrase would find them. The phrases are kept
 * by their first two UTF-16 units (one-unit phrases by that unit), so a question (some 30
 * letters) is read once, letter by letter, instead of searched once per phrase (the asking words
 * alone are some 330 phrases; many share a first letter, few a first pair).
 */
export class PhraseCover {
  private readonly byPair = new Map<number, string[]>();
  private readonly single = new Set<number>();

  constructor(phrases: readonly string[]) {
    // An empty phrase covers nothing.
    for (const phrase of phrases) {
      if (phrase.length === 1) this.single.add(phrase.charCodeAt(0));
      if (phrase.length < 2) continue;
      const key = pairKey(phrase, 0);
      const list = this.byPair.get(key);
      if (list) list.push(phrase);
      else this.byPair.set(key, [phrase]);
    }
  }

  /** Sets to 1 each unit of `text` that lies inside an occurrence of one of the phrases. */
  cover(text: string, covered: Uint8Array): void {
    for (let at = 0; at < text.length; at++) {
      if (this.single.size > 0 && this.single.has(text.charCodeAt(at))) covered[at] = 1;
      if (at + 1 === text.length) break;
      const candidates = this.byPair.get(pairKey(text, at));
      if (candidates === undefined) continue;
      for (const phrase of candidates) if (text.startsWith(phrase, at)) covered.fill(1, at, at + phrase.length);
    }
  }
}

/** The two UTF-16 units at `at` as one number. */
const pairKey = (text: string, at: number): number => text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);
