import { addRepairTerms } from '../thai/term-repair.js';
import { analyzeText } from './text-analysis.js';
import { Thesaurus } from './thesaurus.js';
import { FuzzyVocabulary } from './fuzzy-vocabulary.js';
import { queryUnits, type QueryUnit } from './query-units.js';
import { WEIGHT, type SearchItem } from './search-items.js';
import { itemTerms, Postings, type ItemTerms } from './postings.js';
import { Scratch } from './search-scratch.js';
import { decide, type Answer, type Hit } from './search-confidence.js';

export type { Answer, Hit } from './search-confidence.js';

/** Kinds in the order they win an exact tie: the specific record before the text around it. */
const KIND_ORDER: Record<SearchItem['kind'], number> = {
  measure: 0,
  ita: 1,
  announcement: 2,
  section: 3,
  publication: 4,
  fact: 5,
};
/** Hits ranked beyond the limit, so a section held below its measure can still fill the list. */
const CANDIDATE_MARGIN = 10;

/**
 * The search over everything the bot can answer from. Terms are words in matching form and
 * synonym concepts ("§n"); each item keeps, per term, the weight of the best field holding it.
 * Items can be added and removed at any time (publications arrive at runtime); everything a
 * query needs is precomputed, so a query touches only the postings of its own terms.
 */
export class SearchIndex {
  // Replaced together by setSynonyms
  private thesaurus: Thesaurus;
  private vocabulary = new FuzzyVocabulary();
  private postings = new Postings();
  private slots: ({ item: SearchItem; terms: ItemTerms } | undefined)[] = [];
  private slotOf = new Map<string, number>();
  private freeSlots: number[] = [];
  private readonly scratch = new Scratch();

  /** Bumped on every change of items or synonyms: what was read from the index before is stale. */
  private changes = 0;
  private readonly synonymListeners: ((synonyms: readonly (readonly string[])[]) => void)[] = [];

  constructor(items: readonly SearchItem[] = [], synonyms: readonly (readonly string[])[] = []) {
    this.thesaurus = new Thesaurus(synonyms);
    for (const [term] of this.thesaurus.entries()) this.vocabulary.add(term);
    this.add(items);
    // The documents' own words are repaired when misspelt (see term-repair.ts), whether or not a
    // fact book is built beside this index; publications arriving later are not registered.
    addRepairTerms(
      items
        .filter((item) => item.kind !== 'publication')
        .flatMap((item) => item.fields.flatMap((f) => analyzeText(f.text).tokens.map((t) => t.text))),
    );
  }

  /**
   * Replaces the synonym table and indexes every item again with it, in place, so a group
   * staff add in the console works at once for everyone holding this index.
   */
  setSynonyms(synonyms: readonly (readonly string[])[]): void {
    this.changes += 1;
    const items = this.items();
    this.thesaurus = new Thesaurus(synonyms);
    this.vocabulary = new FuzzyVocabulary();
    this.postings = new Postings();
    this.slots = [];
    this.slotOf = new Map();
    this.freeSlots = [];
    for (const [term] of this.thesaurus.entries()) this.vocabulary.add(term);
    this.add(items);
    // Indexes built beside this one (the fact index) take the same synonyms.
    for (const listener of this.synonymListeners) listener(synonyms);
  }

  /** Calls `listener` with the new table whenever the synonyms change. */
  onSynonyms(listener: (synonyms: readonly (readonly string[])[]) => void): void {
    this.synonymListeners.push(listener);
  }

  /** Changes so far (items added or removed, synonyms replaced): a cache of answers keeps it to know when to forget. */
  get version(): number {
    return this.changes;
  }

  /** Every indexed item (the console lists them as answers a phrase can be pointed at). */
  items(): SearchItem[] {
    return this.slots.flatMap((entry) => (entry ? [entry.item] : []));
  }

  /** The indexed item with this id. */
  get(id: string): SearchItem | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.slots[slot]?.item;
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds items; an item with the id of one already indexed replaces it. */
  add(items: readonly SearchItem[]): void {
    this.changes += 1;
    for (const item of items) {
      this.remove(item.id);
      const terms = itemTerms(item, this.thesaurus);
      const slot = this.freeSlots.pop() ?? this.slots.length;
      this.slots[slot] = { item, terms };
      this.slotOf.set(item.id, slot);
      this.postings.add(slot, terms);
      for (const term of terms.weights.keys()) this.vocabulary.add(term);
    }
  }

  /** Removes an item; false when no item had that id. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    const entry = slot === undefined ? undefined : this.slots[slot];
    if (slot === undefined || !entry) return false;
    this.changes += 1;
    this.postings.remove(slot, entry.terms);
    this.slots[slot] = undefined;
    this.slotOf.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  /** Items matching the query, best first; `coverage` is the share of the question they answer. */
  search(query: string, options: { limit?: number } = {}): Hit[] {
    const units = queryUnits(query, this.thesaurus, this.vocabulary);
    const scratch = this.scratch.reset(this.slots.length);
    let rankSum = 0;
    let coverageSum = 0;
    for (const unit of units) {
      const matched = this.matchUnit(unit);
      const { rank, coverage } = this.unitWeights(unit, matched);
      rankSum += rank;
      coverageSum += coverage;
      scratch.foldUnit(rank, coverage);
    }
    if (rankSum === 0) return [];
    const limit = options.limit ?? 10;
    // Only the best few become hits: with 1,000 publications a common word touches hundreds.
    const best = [...scratch.touched]
      .sort((a, b) => (scratch.score[b] ?? 0) - (scratch.score[a] ?? 0))
      .slice(0, limit + CANDIDATE_MARGIN);
    const hits: Hit[] = [];
    for (const slot of best) {
      const entry = this.slots[slot];
      if (!entry) continue;
      const matched = scratch.matched[slot] ?? 0;
      const score = (scratch.score[slot] ?? 0) / (rankSum * WEIGHT.title);
      hits.push({ item: entry.item, score, coverage: coverageSum > 0 ? matched / coverageSum : 0, evidence: matched });
    }
    return this.rank(hits).slice(0, limit);
  }

  /** The answer to a question: the best item when it answers well enough, and close runners-up. */
  answer(query: string): Answer {
    return decide(this.search(query, { limit: 8 }));
  }

  /** Records, per item, the best match among the unit's alternatives; returns how many items matched. */
  private matchUnit(unit: QueryUnit): number {
    const scratch = this.scratch;
    for (const { term, similarity } of unit.alternatives) {
      this.postings.of(term).forEach((weight, slot) => scratch.offer(slot, weight * similarity, similarity));
    }
    return scratch.unitTouched.length;
  }

  /**
   * How much a unit counts. For ranking, BM25's idf of the items it matches (a word found
   * everywhere says little); units found nowhere rank nothing. For coverage, that idf scaled
   * to 0.2-1 of a word found nowhere, and 1 for an unknown word (each, up to two), so a
   * question with unknown content words ("ร้านกาแฟ") is not covered; scaling keeps coverage
   * comparable between 7 items and 1,000. The municipality's own name covers nothing.
   */
  private unitWeights(unit: QueryUnit, matchedItems: number): { rank: number; coverage: number } {
    if (matchedItems === 0) return { rank: 0, coverage: Math.min(2, unit.span) };
    const n = this.size;
    const idf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const rank = idf(matchedItems);
    const background = unit.alternatives.every((a) => this.postings.isBackground(a.term));
    return { rank, coverage: background ? 0 : 0.2 + 0.8 * (rank / idf(0)) };
  }

  /** Best first; a section restating a measure is held just below that measure. */
  private rank(hits: Hit[]): Hit[] {
    const byId = new Map(hits.filter((h) => h.item.kind !== 'publication').map((hit) => [hit.item.id, hit]));
    for (const hit of hits) {
      const above = hit.item.rankBelow ? byId.get(hit.item.rankBelow) : undefined;
      if (above && hit.score >= above.score) hit.score = above.score * 0.98;
    }
    return hits.sort(
      (a, b) =>
        b.score - a.score || KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || (a.item.id < b.item.id ? -1 : 1),
    );
  }
}
