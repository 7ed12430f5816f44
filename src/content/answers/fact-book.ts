import type { ContentDocument } from '../model.js';
import { SearchIndex, type Hit } from '../search-index.js';
import { WEIGHT, type SearchItem } from '../search-items.js';
import { factUnits, type FactUnit } from './fact-units.js';
import { placeWords } from './place-words.js';
import { addRepairTerms } from '../../thai/term-repair.js';
import { writtenWords } from '../../thai/normalize.js';
import { compactForm } from '../text-analysis.js';
import { without } from './read-question.js';
import type { ServiceFacts } from './service-facts.js';

/** Shortest doer's first word a question is looked through for (shorter ones are common words). */
const MIN_DOER = 6;
/** Searches remembered: one question searches the same words several times (the fact, the clause, the subject). */
const SEARCHES_KEPT = 8;

/**
 * Every fact of the imported documents, searchable on its own (a second, small index beside
 * the item index, with the same synonyms), and findable by item and fiscal year, so an
 * answer can move to the same fact of another year or another fact of the same item. Every
 * lookup is a map read prepared when the documents are loaded: nothing a question does
 * walks the facts.
 */
export class FactBook {
  private readonly index: SearchIndex;
  /** The facts' official words only (no field names, no titles): what a question about their content matches. */
  private readonly quotes: SearchIndex;
  private readonly byId = new Map<string, FactUnit>();
  private readonly byKeyYear = new Map<string, FactUnit>();
  private readonly byFamilyYear = new Map<string, FactUnit[]>();
  private readonly byItem = new Map<string, FactUnit>();
  private readonly byFieldYear = new Map<string, FactUnit[]>();
  private readonly clauses = new Map<string, FactUnit[]>();
  private readonly related = new Map<string, string[]>();
  /** Clauses by the first word of the doer they name ("งานประชาสัมพันธ์"), in matching form. */
  private readonly byDoer = new Map<string, FactUnit[]>();
  private readonly searches = new Map<string, { unit: FactUnit; hit: Hit }[]>();
  /** Each synonym's group, in matching form: a word of a question and the title word it stands for. */
  private alike = new Map<string, readonly string[]>();
  /** The municipality's own name and place, with their synonyms (see place-words.ts). */
  private place: string[];
  /** Fiscal years with a document, newest first. */
  readonly years: readonly number[];

  constructor(
    docs: readonly ContentDocument[],
    synonyms: readonly (readonly string[])[],
    readonly service: ServiceFacts,
  ) {
    const units = docs.flatMap((doc) => factUnits(doc, service));
    for (const unit of units) this.file(unit);
    this.years = [...new Set(units.map((u) => u.year))].sort((a, b) => b - a);
    this.index = new SearchIndex(units.filter((u) => !u.aside).map(searchItemOf), synonyms);
    this.quotes = new SearchIndex(units.map(quoteItemOf), synonyms);
    this.place = placeWords(units, synonyms);
    this.alike = groupsOf(synonyms);
    // Misspellings of the documents' own words are repaired before a question is split (see term-repair.ts).
    // As written: a question is repaired before it is put in matching form (doubles kept, "ธรรม").
    addRepairTerms(units.flatMap((u) => writtenWords(`${u.quote} ${u.fields[1]?.text ?? ''}`)));
  }

  private file(unit: FactUnit): void {
    const push = <V>(map: Map<string, V[]>, key: string, value: V): void =>
      void map.set(key, [...(map.get(key) ?? []), value]);
    this.byId.set(unit.id, unit);
    if (!this.byKeyYear.has(`${unit.key}@${unit.year}`)) this.byKeyYear.set(`${unit.key}@${unit.year}`, unit);
    push(this.byFamilyYear, `${unit.family}@${unit.year}`, unit);
    push(this.byFieldYear, `${unit.field}@${unit.year}`, unit);
    if (!this.byItem.has(unit.itemId)) this.byItem.set(unit.itemId, unit);
    if (unit.number) push(this.clauses, `${unit.year}/${unit.number}`, unit);
    // Only a doer the clause opens with ("งานประชาสัมพันธ์ … ต้อง…"): one it reports to does not do it.
    const doer = unit.agent && unit.value.startsWith(unit.agent) ? unit.agent.split(/\s+/u)[0] : undefined;
    if (doer && doer.length >= MIN_DOER) push(this.byDoer, doer, unit);
    // A measure and the section restating it name each other.
    if (unit.related) {
      for (const [from, to] of [
        [unit.family, unit.related],
        [unit.related, unit.family],
      ] as const) {
        const list = this.related.get(from) ?? [];
        if (!list.includes(to)) this.related.set(from, [...list, to]);
      }
    }
  }

  /** The synonyms staff changed in the console: the facts are searched with them at once. */
  setSynonyms(synonyms: readonly (readonly string[])[]): void {
    this.index.setSynonyms(synonyms);
    this.quotes.setSynonyms(synonyms);
    this.searches.clear();
    this.place = placeWords(this.units, synonyms);
    this.alike = groupsOf(synonyms);
  }

  /** The words a word stands for by the synonyms ("disclosure" → เปิดเผย, เผยแพร่…), itself included. */
  alikeOf(word: string): readonly string[] {
    return this.alike.get(word) ?? [word];
  }

  /** Subject words without the municipality's own name and place ("town phon sai" → ""). */
  withoutPlace(subject: string): string {
    return without(subject.replace(/\s+/g, ''), this.place);
  }

  /** The clauses of the year whose doer the text names ("งานประชาสัมพันธ์ต้องทำอะไร"): a few map entries looked at. */
  clausesOfDoerIn(text: string, year: number): FactUnit[] {
    const compact = text.replace(/\s+/g, '');
    for (const [doer, units] of this.byDoer) if (compact.includes(doer)) return units.filter((u) => u.year === year);
    return [];
  }

  /** Clauses numbered so ("2.2") in the year: one per section that has that number. */
  clausesNumbered(number: string, year: number): readonly FactUnit[] {
    return this.clauses.get(`${year}/${number}`) ?? [];
  }

  get units(): Iterable<FactUnit> {
    return this.byId.values();
  }

  /** Facts matching the text, best first, with their relevance (the last few texts' results are kept). */
  search(text: string): { unit: FactUnit; hit: Hit }[] {
    const kept = this.searches.get(text);
    if (kept) return kept;
    const found = this.index.search(text, { limit: 40 }).flatMap((hit) => {
      const unit = this.byId.get(hit.item.id);
      return unit ? [{ unit, hit }] : [];
    });
    if (this.searches.size >= SEARCHES_KEPT) this.searches.delete(this.searches.keys().next().value!);
    this.searches.set(text, found);
    return found;
  }

  /** Facts whose official words match the text, best first (a question about what an item says). */
  searchQuotes(text: string, limit = 12): { unit: FactUnit; hit: Hit }[] {
    return this.quotes.search(text, { limit }).flatMap((hit) => {
      const unit = this.byId.get(hit.item.id);
      return unit ? [{ unit, hit }] : [];
    });
  }

  /** What names an item in the year: its title and place as its facts are filed under ("มาตรการที่ 1 …"). */
  titleOf(family: string, year: number): string {
    return [...new Set(this.ofFamily(family, year).map((u) => u.fields[1]?.text ?? ''))].join(' ');
  }

  /** The same fact (item and field) in the given year. */
  inYear(key: string, year: number): FactUnit | undefined {
    return this.byKeyYear.get(`${key}@${year}`);
  }

  /** The facts of one item in one year. */
  ofFamily(family: string, year: number): FactUnit[] {
    return this.byFamilyYear.get(`${family}@${year}`) ?? [];
  }

  /** The family of the item with this search-item id ("doc-x:measure:doc-x-m2" → "measure:2"). */
  familyOfItem(itemId: string): string | undefined {
    return this.byItem.get(itemId)?.family;
  }

  /** A family with the one it restates or is restated by (a measure and its announcement section). */
  withRelated(family: string | null): string[] {
    return family === null ? [] : [family, ...(this.related.get(family) ?? [])];
  }

  /** The one family holding this field in the year, or null when none or several do. */
  onlyFamilyWith(field: string, year: number): string | null {
    const families = new Set(this.acrossAll(field, year).map((u) => u.family));
    return families.size === 1 ? [...families][0]! : null;
  }

  /** One field of every measure of a year, in the measures' order. */
  acrossMeasures(field: string, year: number): FactUnit[] {
    const units = this.acrossAll(field, year).filter((u) => u.family.startsWith('measure:'));
    return units.sort((a, b) => Number(a.family.slice(8)) - Number(b.family.slice(8)));
  }

  /** The family of the measure of this order in the year ("last": the last one), null when the year has no such measure. */
  measureFamily(order: number | 'last', year: number): string | null {
    if (order === 'last') return this.acrossMeasures('method', year).at(-1)?.family ?? null;
    return this.ofFamily(`measure:${order}`, year).length > 0 ? `measure:${order}` : null;
  }

  /** The fiscal year of the document behind a search item. */
  yearOfItem(itemId: string): number | undefined {
    return this.byItem.get(itemId)?.year;
  }

  /** The search item of a family in a year (to show the whole item of the year asked about). */
  itemIn(family: string, year: number): string | undefined {
    return this.ofFamily(family, year)[0]?.itemId;
  }

  private acrossAll(field: string, year: number): FactUnit[] {
    return this.byFieldYear.get(`${field}@${year}`) ?? [];
  }
}

function groupsOf(synonyms: readonly (readonly string[])[]): Map<string, readonly string[]> {
  const groups = new Map<string, readonly string[]>();
  for (const group of synonyms) {
    const words = group.map(compactForm).filter((w) => w !== '');
    for (const word of words) groups.set(word, [...(groups.get(word) ?? [word]), ...words]);
  }
  return groups;
}

function quoteItemOf(unit: FactUnit): SearchItem {
  return {
    id: unit.id,
    kind: 'fact',
    title: unit.label,
    // The item's title as context: a clause's section names what the clause is about.
    fields: [
      { text: unit.quote, weight: WEIGHT.body },
      { text: unit.fields[1]?.text ?? '', weight: WEIGHT.context },
    ],
    ref: { docId: unit.docId },
  };
}

function searchItemOf(unit: FactUnit): SearchItem {
  return { id: unit.id, kind: 'fact', title: unit.label, fields: unit.fields, ref: { docId: unit.docId } };
}
