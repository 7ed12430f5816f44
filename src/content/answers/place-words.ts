import { compactForm } from '../text-analysis.js';
import type { FactUnit } from './fact-units.js';

/** Facts that name the municipality and where it is. */
const PLACE_FIELDS: ReadonlySet<string> = new Set(['agency', 'district', 'province']);

/**
 * The words that name the municipality itself, in compact matching form, longest first: its
 * name, district and province as the report gives them, and every synonym group sharing a word
 * with them ("โพนทราย" brings "phon sai", "เทศบาล" brings "town"). A question about "the town"
 * or "เทศบาลโพนทราย" names no other subject than one asked without them.
 */
export function placeWords(units: Iterable<FactUnit>, synonyms: readonly (readonly string[])[]): string[] {
  const names = new Set<string>();
  for (const unit of units) if (PLACE_FIELDS.has(unit.field)) names.add(compactForm(unit.value));
  const found = new Set(names);
  for (const group of synonyms) {
    const terms = group.map(compactForm).filter((t) => t.length > 1);
    if (terms.some((t) => [...names].some((name) => name.includes(t)))) for (const t of terms) found.add(t);
  }
  return [...found].filter((w) => w !== '').sort((a, b) => b.length - a.length);
}
