/**
 * Where any of a fixed set of phrases occurs in a text: every occurrence, overlapping ones
 * too, as `text.indexOf(phrase, at + 1)` over each phrase would find them. The phrases are kept
 * by their first UTF-16 unit, so a question (some 30 letters) is read once, letter by letter,
 * instead of searched once per phrase (the asking words alone are some 330 phrases).
 */
export class PhraseCover {
  private readonly byFirst = new Map<number, string[]>();

  constructor(phrases: readonly string[]) {
    // An empty phrase covers nothing.
    for (const phrase of phrases) {
      if (phrase === '') continue;
      const first = phrase.charCodeAt(0);
      const list = this.byFirst.get(first);
      if (list) list.push(phrase);
      else this.byFirst.set(first, [phrase]);
    }
  }

  /** Sets to 1 each unit of `text` that lies inside an occurrence of one of the phrases. */
  cover(text: string, covered: Uint8Array): void {
    for (let at = 0; at < text.length; at++) {
      const candidates = this.byFirst.get(text.charCodeAt(at));
      if (candidates === undefined) continue;
      for (const phrase of candidates) if (text.startsWith(phrase, at)) covered.fill(1, at, at + phrase.length);
    }
  }
}
