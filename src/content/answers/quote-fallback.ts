import type { FactBook } from './fact-book.js';
import type { FactUnit } from './fact-units.js';
import type { QuestionShape } from './read-question.js';

/** Share of the question's content words the quoted wording (with its item's title) must hold. */
const MIN_COVERAGE = 0.5;
/** A unit of the item the question names, or the item search found, is preferred this much. */
const SUBJECT_BOOST = 1.3;

/**
 * The last resort before "not found" or a whole item: the one quotable unit (a column, a
 * clause or sub-clause, a fact of the report or the announcement) whose official wording and
 * item title hold most of the question's content words. The question reader may not know
 * the asking frame ("ตามกฎหมายฉบับไหน", "ลงไอจีด้วยมั้ย"), but the words that name what is
 * asked are the document's own, so the document's sentence that holds them is stated first.
 * The quote index is the small prebuilt one of the fact book (typo-tolerant through its
 * vocabulary): one search of a dozen hits per question, no scan over the units.
 */
export function quoteFallback(
  book: FactBook,
  shape: QuestionShape,
  year: number,
  subjects: readonly string[],
): FactUnit | null {
  const words = shape.subject;
  if (book.withoutPlace(words) === '') return null;
  let top: FactUnit | null = null;
  let topScore = 0;
  for (const { unit, hit } of book.searchQuotes(words)) {
    if (unit.year !== year || hit.coverage < MIN_COVERAGE) continue;
    const about = subjects.includes(unit.family) || (unit.related !== undefined && subjects.includes(unit.related));
    const score = hit.score * hit.coverage * (about ? SUBJECT_BOOST : 1);
    if (score > topScore) [top, topScore] = [unit, score];
  }
  return top;
}
