import fs from 'node:fs';
import path from 'node:path';
import { loadSynonyms, parseSynonyms, SYNONYMS_FILE } from '../../content/synonyms.js';
import { SHIPPED_DATA_DIR } from '../../paths.js';

const COMMENT =
  'Synonym groups added by staff (console: questions page, or by hand). Same shape as data/synonyms.json; a group sharing a term with another is merged into it.';

/**
 * Adds a group to DATA_DIR/synonyms.json (created when missing; written atomically) and
 * returns the whole table as the bot loads it (shipped groups merged with the staff's).
 */
export async function addSynonymGroup(dataDir: string, terms: readonly string[]): Promise<string[][]> {
  const file = path.join(dataDir, SYNONYMS_FILE);
  let current: { $comment?: string; groups: string[][] } = { $comment: COMMENT, groups: [] };
  if (fs.existsSync(file)) {
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { $comment?: string };
    current = { ...(json.$comment ? { $comment: json.$comment } : {}), groups: parseSynonyms(json, file) };
  }
  current.groups.push([...terms]);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(current, null, 2) + '\n');
  fs.renameSync(tmp, file);
  return loadSynonyms(SHIPPED_DATA_DIR, dataDir);
}
