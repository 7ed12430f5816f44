import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../storage/durable-file.js';
import { documentText } from '../storage/json-document.js';
import { ContentDocumentSchema, type ContentDocument } from './model.js';

/** Imported documents live in `<dir>/content/<doc.id>.json`, one file per source document. */
export function contentDir(dir: string): string {
  return path.join(dir, 'content');
}

/**
 * Writes one document as pretty JSON with a trailing newline, so re-importing the same source
 * gives a byte-identical file (clean git diffs). Validated first: a file the bot would refuse
 * to load is never written. Returns the path written.
 */
export async function writeContentDocument(dir: string, doc: ContentDocument): Promise<string> {
  const checked = ContentDocumentSchema.safeParse(doc);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`content document ${doc.id} is not valid: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const target = path.join(contentDir(dir), `${checked.data.id}.json`);
  // Durable and atomic: readers, and the file after a power cut, hold the old document or the new one
  await writeFileDurably(target, documentText(checked.data, { indent: 2 }));
  return target;
}

/**
 * Reads every `<dir>/content/*.json`, sorted by name, each validated against the content model.
 * A missing folder means no content yet ([]); a corrupt file stops with an error naming it,
 * because silently skipping it would make the bot answer "not found" for real measures.
 */
export async function readContentDocuments(dir: string): Promise<ContentDocument[]> {
  const folder = contentDir(dir);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files = names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  const docs: ContentDocument[] = [];
  for (const name of files) docs.push(await readOne(path.join(folder, name)));
  return docs;
}

async function readOne(file: string): Promise<ContentDocument> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`content file ${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = ContentDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `content file ${file} does not match the content model: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  if (path.basename(file) !== `${parsed.data.id}.json`) {
    throw new Error(`content file ${file} holds document ${parsed.data.id}; its name should be ${parsed.data.id}.json`);
  }
  return parsed.data;
}
