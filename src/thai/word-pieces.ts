/**
 * Word segmentation with a bounded memo per space-separated chunk. Segmenting Thai is a
 * dictionary search and one of the dearest steps of reading a question; residents' messages
 * share chunks ("ครับ", "มาตรการ", "เทศบาล", place names) and a question is read again without
 * its final particle, so each chunk is segmented once and its pieces reused.
 *
 * Why per chunk is exact: in normalised text a single space always breaks words on both sides
 * (Unicode word-break rules join nothing across a space, and the dictionary segmenter works on
 * runs of Thai letters, which a space ends). The one exception, a combining mark right after a
 * space (it attaches to the space), is segmented whole, without the memo.
 */

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Chunks kept; the oldest is dropped first. A few MB at most (5,000 chunks of ≤ 64 characters and their pieces). */
export const CHUNKS_KEPT = 5000;
/** Longer chunks (a document's paragraph written without spaces) are segmented each time, not kept. */
const LONGEST_KEPT = 64;
/** A combining mark (Unicode word-break "Extend") starting a chunk: it would join the space before it. */
const MARK_AFTER_SPACE = /(?:^| )[\p{M}\p{Grapheme_Extend}]/u;

const memo = new Map<string, readonly string[]>();

/** The word-like segments of a text in light-normalised form (single spaces), as written. */
export function wordPieces(light: string): string[] {
  if (MARK_AFTER_SPACE.test(light)) return segmentFresh(light);
  const out: string[] = [];
  for (const chunk of light.split(' ')) {
    for (const piece of chunkPieces(chunk)) out.push(piece);
  }
  return out;
}

function chunkPieces(chunk: string): readonly string[] {
  if (chunk.length > LONGEST_KEPT) return segmentFresh(chunk);
  let pieces = memo.get(chunk);
  if (pieces !== undefined) return pieces;
  pieces = Object.freeze(segmentFresh(chunk));
  memo.set(chunk, pieces);
  if (memo.size > CHUNKS_KEPT) memo.delete(memo.keys().next().value!);
  return pieces;
}

/** The word-like segments of a text, segmented now (no memo): the reference the memo must equal. */
export function segmentFresh(text: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(text)) if (part.isWordLike) out.push(part.segment);
  return out;
}

/** How many chunks the memo holds (for the test that it stays bounded). */
export function chunksKept(): number {
  return memo.size;
}
