import type { FactBook } from './fact-book.js';
import type { FactUnit } from './fact-units.js';
import { HOW_OFTEN_STATED, PURPOSE } from './question-words.js';
import type { QuestionShape } from './read-question.js';

/** Share of the question's content words the quoted wording (with its item's title) must hold. */
const MIN_COVERAGE = 0.5;
/** Hits looked at: wordings often tie on an item's title words, and the one the frame asks for must be among them. */
const SEARCHED = 24;
/** A unit of the item the question names, or the item search found, is preferred this much. */
const SUBJECT_BOOST = 1.3;
/** The question's asking words found in the wording too ("ให้ใครทราบ" → "…รับทราบ") break ties this much at most. */
const FRAME_SHARE = 0.5;
/** Why a section exists is what the preamble says; its columns say what is done. */
const WHY_BOOST = 1.2;
/** Wording of the kind of thing asked for (a law for "ตามกฎหมายอะไร", a place for "ดูได้ที่ไหน"). */
const CUE_BOOST = 1.6;

/** "ตามกฎหมายฉบับไหน": the word for "law" names what is asked for, not what the law is about. */
const LAW_ASKED = /กฎหมาย|พ\.?ร\.?บ|พระราชบัญญัติ|ฉบับ|law|act\b/iu;
const LAW_WORD = /กฎหมาย|\blaws?\b/giu;

/**
 * What a frame asks for, and how wording that states it reads: the expected answer type. A
 * question matching the first pattern prefers units whose wording matches the second; the
 * first entry the question matches counts, so the more specific frames come first.
 */
const ANSWER_CUES: readonly [RegExp, RegExp][] = [
  [LAW_ASKED, /พระราชบัญญัติ|พ\.ร\.บ|มาตรา/u],
  [/ปี\s*(?:พ\.?ศ\.?)?\s*(?:อะไร|ไหน|ใด)|ปีไหน|which year/iu, /พ\.ศ\.|[๐-๙\d]{4}/u],
  [PURPOSE, /เพื่อ|ไว้ยึดถือ|ทำให้/u],
  // "ช่องทาง…มีอะไรบ้าง": a list is answered by wording that lists ("เช่น Website, Instagram").
  [/อะไรบ้าง|ไหนบ้าง|มีอะไร|which ones|what are/iu, /เช่น|ได้แก่|ฯลฯ/u],
  [/ที่ไหน|ช่องทาง|ดูได้|ดูที่|where|website|ไหนบ้าง/iu, /เว็บไซต์|website|facebook|ช่องทาง|สายด่วน/iu],
  [/ให้ใคร|ใคร\s*(?:รับ)?ทราบ|ใครรู้|to whom/iu, /ทราบ/u],
  [/ใคร|ไผ|ผู้ใด|who/iu, /ผู้|เจ้าหน้าที่|บุคคล|บุคลากร|ประชาชน|งาน|สำนัก|กอง/u],
  // "บ่อยแค่ไหน" is answered by wording that states how often.
  [/บ่อย|แค่ไหน|เมื่อไร|เมื่อไหร่|ตอนไหน|ทุกกี่|กี่ครั้ง|how often|when/iu, HOW_OFTEN_STATED],
];

/** A unit found by its wording, with how much of the question it holds. */
export interface QuoteMatch {
  unit: FactUnit;
  coverage: number;
  /** Its wording is of the kind the question's frame asks for. */
  cued: boolean;
  /** It is of an item the question names (or the item search found). */
  about: boolean;
}

/**
 * Ranks the quotable units (columns, clauses and sub-clauses, preamble sentences, titles, facts
 * of the report and the announcement) by the question's content words `words` found in their
 * official wording and their item's title (typo-tolerant: the quote index matches through its
 * vocabulary), then by the question's whole wording (its asking verbs, "ทราบ", "ช่องทาง") and
 * the kind of wording its frame asks for. Two searches of a small prebuilt index, a dozen hits
 * each: no scan over the units.
 */
export function rankQuotes(
  book: FactBook,
  shape: QuestionShape,
  words: string,
  year: number,
  subjects: readonly string[],
): QuoteMatch | null {
  const asked = LAW_ASKED.test(shape.time.rest) ? words.replace(LAW_WORD, ' ').trim() : words;
  const found = book.searchQuotes(asked === '' ? words : asked, SEARCHED);
  if (found.length === 0) return null;
  // The whole wording is searched, and the frame read, only once a unit of the year asked is found.
  let whole: Map<string, number> | undefined;
  let cue: RegExp | undefined;
  let why = false;
  let top: QuoteMatch | null = null;
  let topScore = 0;
  for (const { unit, hit } of found) {
    if (unit.year !== year) continue;
    if (!whole) {
      whole = new Map(book.searchQuotes(shape.said.content).map(({ unit: u, hit: h }) => [u.id, h.score]));
      // The first frame the question matches is what it asks for (the list is most specific first).
      cue = ANSWER_CUES.find(([asks]) => asks.test(shape.time.rest))?.[1];
      why = whyOf(shape, subjects);
    }
    const stated = unit.aside === true && why;
    const about =
      stated || subjects.includes(unit.family) || (unit.related !== undefined && subjects.includes(unit.related));
    const cued = cue?.test(unit.quote) === true;
    const score =
      (hit.score * hit.coverage + FRAME_SHARE * (whole.get(unit.id) ?? 0)) *
      (about ? SUBJECT_BOOST : 1) *
      (cued ? CUE_BOOST : 1) *
      (stated ? WHY_BOOST : 1);
    if (score > topScore) [top, topScore] = [{ unit, coverage: hit.coverage, cued, about }, score];
  }
  return top;
}

/** "ทำไมต้องมีมาตรการ…" of a section: the preamble says why the announcement's sections exist. */
function whyOf(shape: QuestionShape, subjects: readonly string[]): boolean {
  return PURPOSE.test(shape.time.rest) && subjects.some((s) => s.startsWith('section:'));
}

/** The municipality's own name is in every wording: it names nothing asked. */
export function withoutTown(book: FactBook, subject: string): string {
  return subject
    .split(' ')
    .filter((word) => book.withoutPlace(word) !== '')
    .join(' ');
}

/**
 * The last resort before "not found" or a whole item: the quotable unit that holds most of the
 * question's content words. The question reader may not know the asking frame ("ตามกฎหมาย
 * ฉบับไหน", "ลงไอจีด้วยมั้ย"), but the words naming what is asked are the document's own, so
 * the document's sentence that holds them is stated first.
 */
export function quoteFallback(
  book: FactBook,
  shape: QuestionShape,
  year: number,
  subjects: readonly string[],
): FactUnit | null {
  const words = withoutTown(book, shape.subject);
  if (words === '') return null;
  const found = rankQuotes(book, shape, words, year, subjects);
  return found && found.coverage >= MIN_COVERAGE ? found.unit : null;
}
