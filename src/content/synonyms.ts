import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { mergeGroups } from './thesaurus.js';

/**
 * The synonym table: groups of terms residents use for the same thing ("โกง" for "ทุจริต",
 * "ดุลยพินิจ" for "ดุลพินิจ", the town's two spellings). Shipped in `data/synonyms.json`;
 * staff extend it without a release by dropping the same shape into `DATA_DIR/synonyms.json`.
 */
export const SynonymFileSchema = z.object({
  $comment: z.string().optional(),
  groups: z.array(z.array(z.string().trim().min(1)).min(2, 'a group needs at least two terms')),
});
export type SynonymFile = z.infer<typeof SynonymFileSchema>;

export const SYNONYMS_FILE = 'synonyms.json';

/** A synonym file that cannot be used; the message names the file and what is wrong. */
export class SynonymsError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`synonyms file ${file}: ${problem}`);
    this.name = 'SynonymsError';
  }
}

/** Validates a parsed synonym file; `file` only names it in the error. */
export function parseSynonyms(json: unknown, file: string): string[][] {
  const parsed = SynonymFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new SynonymsError(
      file,
      `${where}${issue?.message ?? 'invalid shape'} (expected {"groups": [["term", "term", ...], ...]})`,
    );
  }
  return parsed.data.groups;
}

async function readSynonymFile(file: string, optional: boolean): Promise<string[][]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SynonymsError(file, `cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SynonymsError(file, `is not valid JSON (${(error as Error).message})`);
  }
  return parseSynonyms(json, file);
}

/**
 * The shipped groups merged with the staff's optional additions; groups sharing a term
 * become one. A missing shipped file, bad JSON or a wrong shape fails with the file's name.
 */
export async function loadSynonyms(shippedDir: string, dataDir: string): Promise<string[][]> {
  const shippedFile = path.join(shippedDir, SYNONYMS_FILE);
  const staffFile = path.join(dataDir, SYNONYMS_FILE);
  const shipped = await readSynonymFile(shippedFile, false);
  const staff = path.resolve(staffFile) === path.resolve(shippedFile) ? [] : await readSynonymFile(staffFile, true);
  return mergeGroups([...shipped, ...staff]);
}
