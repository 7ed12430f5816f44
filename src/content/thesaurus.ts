import { compactForm, type AnalyzedText } from './text-analysis.js';

/** Where a synonym group's term occurs in a text (offsets into its compact form). */
export interface ConceptHit {
  /** The group's token, e.g. "§3"; it is indexed like a word, so synonyms are one term. */
  concept: string;
  start: number;
  end: number;
}

interface Term {
  compact: string;
  concept: string;
  /**
   * Latin/digit and short Thai terms must be whole words; longer Thai terms must start a word
   * but may end inside one (the segmenter's word ends vary: "ควร|ทำ", "ไม่ควรทำการ").
   */
  bounded: boolean;
}

/**
 * Thai terms of up to three letters are too likely to occur inside other words ("เซ็น" in
 * "เปอร์เซ็นต์", "ลด" in "ลดา") to be found anywhere but as whole words.
 */
const MAX_BOUNDED_THAI_LETTERS = 3;

/** Latin words may carry a short suffix: "measure" matches "measures", "score" "scores". */
const MAX_LATIN_SUFFIX = 3;

/**
 * Merges groups that share a term (in matching form), so staff additions such as
 * ["โกงกิน", "ทุจริต"] join the existing group instead of competing with it. Order is kept.
 */
export function mergeGroups(groups: readonly (readonly string[])[]): string[][] {
  const merged: string[][] = [];
  const owner = new Map<string, string[]>();
  for (const group of groups) {
    const keys = group.map(compactForm).filter((key) => key !== '');
    const targets = [...new Set(keys.map((key) => owner.get(key)).filter((g) => g !== undefined))];
    const into = targets[0] ?? [];
    if (targets.length === 0) merged.push(into);
    for (const other of targets.slice(1)) {
      into.push(...other);
      merged.splice(merged.indexOf(other), 1);
    }
    into.push(...group);
    for (const term of into) owner.set(compactForm(term), into);
  }
  return merged.map((group) => [...new Set(group)]);
}

/** Synonym groups as concepts: finds them in analysed text and names the concept of a term. */
export class Thesaurus {
  private readonly terms: Term[] = [];
  private readonly conceptByTerm = new Map<string, string>();
  /** Terms by their first UTF-16 unit, with their place in `terms` (hits keep that order). */
  private readonly byFirstUnit = new Map<number, Array<{ term: Term; order: number }>>();

  constructor(groups: readonly (readonly string[])[]) {
    mergeGroups(groups).forEach((group, index) => {
      const concept = `§${index}`;
      for (const term of group) {
        const compact = compactForm(term);
        if (compact === '' || this.conceptByTerm.has(compact)) continue;
        this.conceptByTerm.set(compact, concept);
        const bounded = /^[a-z0-9.]+$/.test(compact) || letterCount(compact) <= MAX_BOUNDED_THAI_LETTERS;
        this.terms.push({ compact, concept, bounded });
      }
    });
    this.terms.forEach((term, order) => {
      const first = term.compact.charCodeAt(0);
      const list = this.byFirstUnit.get(first) ?? [];
      list.push({ term, order });
      this.byFirstUnit.set(first, list);
    });
  }

  /** The concept a whole term belongs to, if it is one of the synonyms (in compact form). */
  conceptOf(compactTerm: string): string | undefined {
    return this.conceptByTerm.get(compactTerm);
  }

  /** All synonym terms in compact form with their concept, for spelling-tolerant lookup. */
  entries(): IterableIterator<[string, string]> {
    return this.conceptByTerm.entries();
  }

  /** Every occurrence of a synonym in the text, except those inside a longer one. */
  find(text: AnalyzedText): ConceptHit[] {
    const found: Array<ConceptHit & { order: number }> = [];
    const ends = new Set(text.tokens.map((t) => t.end));
    // A term counts only where a word starts: look up the terms beginning with that letter.
    for (const at of new Set(text.tokens.map((t) => t.start))) {
      for (const { term, order } of this.byFirstUnit.get(text.compact.charCodeAt(at)) ?? []) {
        if (!text.compact.startsWith(term.compact, at)) continue;
        const wordEnd = term.bounded ? boundedEnd(text, ends, at + term.compact.length) : at + term.compact.length;
        if (wordEnd !== null) found.push({ concept: term.concept, start: at, end: wordEnd, order });
      }
    }
    // In the order of the synonym table, then of the text.
    const hits: ConceptHit[] = found
      .sort((a, b) => a.order - b.order || a.start - b.start)
      .map(({ concept, start, end }) => ({ concept, start, end }));
    // Longest match: "ข้อมูล" inside "ข้อมูลข่าวสาร" is part of that phrase, not a second topic.
    return hits.filter(
      (h) => !hits.some((o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start),
    );
  }
}

/** The end of the word a bounded term occupies, or null when it ends inside another word. */
function boundedEnd(text: AnalyzedText, ends: Set<number>, end: number): number | null {
  if (ends.has(end)) return end;
  const token = text.tokens.find((t) => t.start < end && t.end > end);
  const latin = token !== undefined && /^[a-z]+$/.test(token.text);
  return latin && token.end - end <= MAX_LATIN_SUFFIX ? token.end : null;
}

function letterCount(text: string): number {
  return text.replace(/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/g, '').length;
}
