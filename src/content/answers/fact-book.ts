import type { ContentDocument } from '../model.js';
import { SearchIndex, type Hit } from '../search-index.js';
import type { SearchItem } from '../search-items.js';
import { factUnits, type FactUnit } from './fact-units.js';
import type { ServiceFacts } from './service-facts.js';

/**
 * Every fact of the imported documents, searchable on its own (a second, small index beside
 * the item index, with the same synonyms), and findable by item and fiscal year, so an
 * answer can move to the same fact of another year or another fact of the same item.
 */
export class FactBook {
  private readonly index: SearchIndex;
  private readonly byId = new Map<string, FactUnit>();
  private readonly clauses = new Map<string, FactUnit[]>();
  /** Fiscal years with a document, newest first. */
  readonly years: readonly number[];

  constructor(
    docs: readonly ContentDocument[],
    synonyms: readonly (readonly string[])[],
    readonly service: ServiceFacts,
  ) {
    const units = docs.flatMap((doc) => factUnits(doc, service));
    for (const unit of units) {
      this.byId.set(unit.id, unit);
      if (unit.number) this.clauses.set(`${unit.year}/${unit.number}`, [...(this.clauses.get(`${unit.year}/${unit.number}`) ?? []), unit]);
    }
    this.years = [...new Set(units.map((u) => u.year))].sort((a, b) => b - a);
    this.index = new SearchIndex(units.map(searchItemOf), synonyms);
  }

  /** Clauses by "year/number" ("2568/2.2"): one per section that has that number. */
  clausesNumbered(number: string, year: number): readonly FactUnit[] {
    return this.clauses.get(`${year}/${number}`) ?? [];
  }

  get units(): Iterable<FactUnit> {
    return this.byId.values();
  }

  /** Facts matching the text, best first, with their relevance. */
  search(text: string): { unit: FactUnit; hit: Hit }[] {
    return this.index.search(text, { limit: 40 }).flatMap((hit) => {
      const unit = this.byId.get(hit.item.id);
      return unit ? [{ unit, hit }] : [];
    });
  }

  /** The same fact (item and field) in the given year. */
  inYear(key: string, year: number): FactUnit | undefined {
    for (const unit of this.byId.values()) if (unit.key === key && unit.year === year) return unit;
    return undefined;
  }

  /** The facts of one item in one year. */
  ofFamily(family: string, year: number): FactUnit[] {
    return [...this.byId.values()].filter((u) => u.family === family && u.year === year);
  }

  /** The family of the item with this search-item id ("doc-x:measure:doc-x-m2" → "measure:2"). */
  familyOfItem(itemId: string): string | undefined {
    for (const unit of this.byId.values()) if (unit.itemId === itemId) return unit.family;
    return undefined;
  }

  /** A family with the one it restates or is restated by (a measure and its announcement section). */
  withRelated(family: string | null): string[] {
    if (family === null) return [];
    const out = [family];
    for (const unit of this.byId.values()) {
      if (unit.family === family && unit.related && !out.includes(unit.related)) out.push(unit.related);
      if (unit.related === family && !out.includes(unit.family)) out.push(unit.family);
    }
    return out;
  }

  /** The one family holding this field in the year, or null when none or several do. */
  onlyFamilyWith(field: string, year: number): string | null {
    const families = new Set([...this.byId.values()].filter((u) => u.field === field && u.year === year).map((u) => u.family));
    return families.size === 1 ? [...families][0]! : null;
  }

  /** One field of every measure of a year, in the measures' order. */
  acrossMeasures(field: string, year: number): FactUnit[] {
    const units = [...this.byId.values()].filter((u) => u.field === field && u.year === year && u.family.startsWith('measure:'));
    return units.sort((a, b) => Number(a.family.slice(8)) - Number(b.family.slice(8)));
  }

  /** The fiscal year of the document behind a search item. */
  yearOfItem(itemId: string): number | undefined {
    for (const unit of this.byId.values()) if (unit.itemId === itemId) return unit.year;
    return undefined;
  }

  /** The search item of a family in a year (to show the whole item of the year asked about). */
  itemIn(family: string, year: number): string | undefined {
    for (const unit of this.byId.values()) if (unit.family === family && unit.year === year) return unit.itemId;
    return undefined;
  }
}

function searchItemOf(unit: FactUnit): SearchItem {
  return { id: unit.id, kind: 'fact', title: unit.label, fields: unit.fields, ref: { docId: unit.docId } };
}
