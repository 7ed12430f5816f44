import path from 'node:path';
import { loadSynonyms, SynonymFileSchema, SYNONYMS_FILE } from '../../content/synonyms.js';
import { SHIPPED_DATA_DIR } from '../../paths.js';
import { DurableJsonFile } from '../../storage/json-document.js';

const COMMENT =
  'Synonym groups added by staff (console: questions page, or by hand). Same shape as data/synonyms.json; a group sharing a term with another is merged into it.';

/**
 * Adds a group to DATA_DIR/synonyms.json (created when missing; read, changed and written
 * durably with no other writer in between) and returns the whole table as the bot loads it
 * (shipped groups merged with the staff's). A damaged file is refused, never replaced.
 */
export async function addSynonymGroup(dataDir: string, terms: readonly string[]): Promise<string[][]> {
  const file = new DurableJsonFile(path.join(dataDir, SYNONYMS_FILE), SynonymFileSchema, { indent: 2 });
  await file.update((current) => {
    const { $comment, groups } = current ?? { $comment: COMMENT, groups: [] };
    return { ...($comment ? { $comment } : {}), groups: [...groups, [...terms]] };
  });
  return loadSynonyms(SHIPPED_DATA_DIR, dataDir);
}
