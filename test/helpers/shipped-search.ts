import { readContentDocuments } from '../../src/content/content-files.js';
import type { ContentDocument } from '../../src/content/model.js';
import { contentItems, type SearchItem } from '../../src/content/search-items.js';
import { SearchIndex } from '../../src/content/search-index.js';
import { loadSynonyms } from '../../src/content/synonyms.js';
import { SHIPPED_DATA_DIR } from '../../src/paths.js';

/** The shipped content (`data/content/*.json`, validated) and synonyms, indexed as the bot does. */
export interface ShippedSearch {
  docs: ContentDocument[];
  synonyms: string[][];
  items: SearchItem[];
  index: SearchIndex;
}

export async function shippedSearch(): Promise<ShippedSearch> {
  const docs = await readContentDocuments(SHIPPED_DATA_DIR);
  if (docs.length === 0) throw new Error('no shipped content in data/content: run the importer first');
  const synonyms = await loadSynonyms(SHIPPED_DATA_DIR, SHIPPED_DATA_DIR);
  const items = docs.flatMap(contentItems);
  return { docs, synonyms, items, index: new SearchIndex(items, synonyms) };
}

/** The measure behind a measure item (or the measure a section restates), by its order (1, 2, 3). */
export function measureOrder(shipped: ShippedSearch, item: SearchItem): number | null {
  const measureItem = item.kind === 'section' ? shipped.items.find((i) => i.id === item.rankBelow) : item;
  if (measureItem?.kind !== 'measure') return null;
  const measure = shipped.docs.flatMap((d) => d.measures).find((m) => m.id === measureItem.ref.measureId);
  return measure?.order ?? null;
}
