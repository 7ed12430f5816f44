import fs from 'node:fs';
import path from 'node:path';
import { readContentDocuments } from '../../src/content/content-files.js';
import { contentItems } from '../../src/content/search-items.js';
import type { QuestionRecord } from '../../src/content/question-log.js';
import { SHIPPED_DATA_DIR } from '../../src/paths.js';

/** Ids and titles of the shipped content's ITA result and first measure. */
export async function shippedItems() {
  const items = (await readContentDocuments(SHIPPED_DATA_DIR)).flatMap(contentItems);
  return { ita: items.find((i) => i.kind === 'ita')!, measure: items.find((i) => i.kind === 'measure')! };
}

/** Writes question records into DATA_DIR before the bot starts (the log loads them). */
export function seedQuestions(dataDir: string, records: QuestionRecord[]): void {
  fs.mkdirSync(path.join(dataDir, 'state'), { recursive: true });
  fs.writeFileSync(
    path.join(dataDir, 'state', 'questions.jsonl'),
    records.map((r) => JSON.stringify(r) + '\n').join(''),
  );
}

export const asked = (
  at: string,
  text: string,
  match: { id: string; kind: string } | null,
  score = 0.9,
): QuestionRecord => ({
  at,
  intent: 'search',
  text,
  match: match?.id ?? null,
  kind: match?.kind ?? null,
  score: match ? score : null,
});
