import { createHash } from 'node:crypto';
import { collapseWhitespace, splitLines } from './source-lines.js';

/** Ids travel in postback data, so they stay short and URL-safe. */
const ID = /^[a-z0-9-]{1,80}$/;

/**
 * "doc-" and the first 12 hex digits of the SHA-256 of the document's wording: line endings,
 * a byte-order mark, blank lines and runs of spaces do not count, so re-saving the same text
 * in another editor re-imports onto the same id, while any change of wording gets a new one.
 */
export function documentId(text: string): string {
  const wording = splitLines(text.normalize('NFC'))
    .map((line) => collapseWhitespace(line.text))
    .filter((line) => line !== '')
    .join('\n');
  return `doc-${createHash('sha256').update(wording, 'utf8').digest('hex').slice(0, 12)}`;
}

/**
 * An id scoped under its document ("doc-…-m1", "doc-…-s2", "doc-…-ita"), so items of two
 * documents never collide.
 */
export function childId(documentId: string, suffix: string): string {
  const id = `${documentId}-${suffix}`;
  if (!ID.test(id)) throw new Error(`not a valid content id: ${id}`);
  return id;
}

/** SHA-256 (hex) of the source bytes, recorded so a content file can be traced to its source. */
export function sourceSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
