import { analyzeText } from './text-analysis.js';
import type { Thesaurus } from './thesaurus.js';
import type { SearchItem } from './search-items.js';

/** What an item contributes to the index: per term, the weight of its best field holding it. */
export interface ItemTerms {
  weights: Map<string, number>;
  /** Terms of its background fields (the municipality's name). */
  background: Set<string>;
}

/** The indexed terms of an item: its words (fillers dropped) and the synonym groups it mentions. */
export function itemTerms(item: SearchItem, thesaurus: Thesaurus): ItemTerms {
  const weights = new Map<string, number>();
  const background = new Set<string>();
  for (const field of item.fields) {
    const text = analyzeText(field.text);
    const terms = [
      ...text.tokens.filter((t) => !t.filler).map((t) => t.text),
      ...thesaurus.find(text).map((h) => h.concept),
    ];
    for (const term of terms) {
      if ((weights.get(term) ?? 0) < field.weight) weights.set(term, field.weight);
      if (field.background) background.add(term);
    }
  }
  return { weights, background };
}

/**
 * Inverted index: term → (item slot → weight), plus how many items name each background term.
 * Items are numbered slots so a query accumulates into flat arrays instead of maps of objects.
 * Add and remove are symmetric, so publications can come and go at runtime.
 */
export class Postings {
  private readonly byTerm = new Map<string, Map<number, number>>();
  private readonly backgroundCount = new Map<string, number>();

  add(slot: number, terms: ItemTerms): void {
    for (const [term, weight] of terms.weights) {
      let posting = this.byTerm.get(term);
      if (!posting) this.byTerm.set(term, (posting = new Map<number, number>()));
      posting.set(slot, weight);
    }
    for (const term of terms.background) this.backgroundCount.set(term, (this.backgroundCount.get(term) ?? 0) + 1);
  }

  remove(slot: number, terms: ItemTerms): void {
    for (const term of terms.weights.keys()) {
      const posting = this.byTerm.get(term);
      posting?.delete(slot);
      if (posting?.size === 0) this.byTerm.delete(term);
    }
    for (const term of terms.background) {
      const count = (this.backgroundCount.get(term) ?? 0) - 1;
      if (count > 0) this.backgroundCount.set(term, count);
      else this.backgroundCount.delete(term);
    }
  }

  /** Item slots holding the term, with the weight of the best field it is in. */
  of(term: string): ReadonlyMap<number, number> {
    return this.byTerm.get(term) ?? EMPTY;
  }

  /** True when some item names the term as part of the municipality's name. */
  isBackground(term: string): boolean {
    return this.backgroundCount.has(term);
  }
}

const EMPTY: ReadonlyMap<number, number> = new Map();
