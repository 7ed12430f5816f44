import type { SearchItem } from './search-items.js';

/** A search result. */
export interface Hit {
  item: SearchItem;
  /** Relevance: 1 when every unit of the question is found in the item's title. */
  score: number;
  /** Share of the question's weight the item contains anywhere (0-1). */
  coverage: number;
  /** That weight itself: a question of one word found everywhere ("เทศบาล") has little. */
  evidence: number;
}

/** What the bot answers with: one item it is confident about, and others worth offering. */
export interface Answer {
  best: Hit | null;
  runnersUp: Hit[];
}

/**
 * The confidence rule. An item is the answer only when
 * - it contains at least half of what the question is about (coverage, each word weighted by
 *   how telling it is: a word found in no item weighs the most, so "ร้านกาแฟแถวนี้" matches
 *   nothing even if "แถว" appears somewhere),
 * - what it contains says something (evidence: "เทศบาลอยู่ที่ไหน" is all "เทศบาล", which
 *   every item has, and is answered by none), and
 * - the match is not only in background text (score).
 * The answer is the best-ranked hit that passes; runners-up must pass too and score nearly as well.
 */
export const CONFIDENCE = {
  minCoverage: 0.5,
  minEvidence: 0.2,
  minScore: 0.15,
  runnerUpScoreRatio: 0.6,
  maxRunnersUp: 3,
} as const;

/** Applies the confidence rule to ranked hits (best first). */
export function decide(hits: readonly Hit[]): Answer {
  const passing = hits.filter(
    (hit) =>
      hit.coverage >= CONFIDENCE.minCoverage &&
      hit.evidence >= CONFIDENCE.minEvidence &&
      hit.score >= CONFIDENCE.minScore,
  );
  const [best, ...others] = passing;
  if (!best) return { best: null, runnersUp: [] };
  const runnersUp = others
    .filter((hit) => hit.score >= best.score * CONFIDENCE.runnerUpScoreRatio)
    .slice(0, CONFIDENCE.maxRunnersUp);
  return { best, runnersUp };
}
