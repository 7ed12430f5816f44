import { compactForm } from '../text-analysis.js';
import type { FactBook } from './fact-book.js';
import type { FactUnit } from './fact-units.js';
import { GENERIC } from './generic-words.js';
import { without, type QuestionShape } from './read-question.js';
import { rankQuotes, withoutTown } from './quote-fallback.js';
import { PURPOSE } from './question-words.js';

/** Share of the question's own words a fact's official wording must hold. */
const MIN_COVERAGE = 0.6;

/**
 * The fact whose official words hold what a question asks beyond naming its item: "มาตรการ
 * do & don't ต้องจัดทำคู่มืออะไรบ้าง" is about the manuals a column of that measure names,
 * "บุคลากรต้องยึดหลักอะไร" about the clause that says so. Only the words that are not the
 * item's own title, nor the municipality's name, are looked for; null when none are left (the
 * question names just the item: the whole item answers) or no wording holds `least` of them.
 */
export function contentFact(
  book: FactBook,
  shape: QuestionShape,
  year: number,
  subjects: readonly string[],
  least = MIN_COVERAGE,
): FactUnit | null {
  const own = ownWords(book, shape.subject, year, subjects);
  if (own === '') return framed(book, shape, year, subjects);
  const found = rankQuotes(book, shape, own, year, subjects);
  return found && found.coverage >= least ? found.unit : null;
}

/**
 * The question names just the item and a frame ("จะดูมาตรการตรวจสอบการใช้ดุลพินิจได้ที่ไหน"):
 * the item's wording of the kind the frame asks for (a website for "ที่ไหน"), else null (the
 * whole item, or the field the kind asks for, answers).
 */
function framed(book: FactBook, shape: QuestionShape, year: number, subjects: readonly string[]): FactUnit | null {
  const words = withoutTown(book, shape.subject);
  if (subjects.length === 0 || words === '') return null;
  const found = rankQuotes(book, shape, words, year, subjects);
  return found?.cued && found.about && found.coverage >= MIN_COVERAGE ? found.unit : null;
}

/** The subject's words that neither the named items' titles nor the municipality's name hold. */
function ownWords(book: FactBook, subject: string, year: number, subjects: readonly string[]): string {
  if (subject === '') return '';
  const titles = compactForm(subjects.map((family) => book.titleOf(family, year)).join(' '));
  return subject
    .split(' ')
    .filter((word) => /\D/u.test(word) && !book.alikeOf(word).some((w) => titles.includes(w)))
    .filter((word) => book.withoutPlace(word) !== '')
    .filter((word) => without(word, GENERIC) !== '')
    .join(' ');
}

/** Kinds whose answer is first looked for in what the items say ("มีเรื่องบริหารความเสี่ยงด้วยบ่"). */
const CONTENT_FIRST: ReadonlySet<string> = new Set(['yesno', 'where', 'list']);

/** "ให้ใครทราบ", "แจ้งให้ใครรู้", "to whom": who is told, not who does. */
const RECIPIENTS = /ให้ใคร|ใคร\s*(?:รับ)?ทราบ|ใครรู้|ถึงใคร|to whom|who (?:is|are|was|were) (?:told|informed)/iu;

/**
 * A yes/no, where or list question is about what an item says, before any clause near it; so
 * is a question of who is told ("ผู้บริหารประกาศหลักเกณฑ์ให้ใครรับทราบ" is answered by the
 * column saying so, not by the doer a clause names).
 */
export function contentFirst(
  book: FactBook,
  shape: QuestionShape,
  year: number,
  subject: string | null,
  content: () => FactUnit | null,
): FactUnit | null {
  // "ทำไมต้องออกประกาศมาตรการ…": the wording that says what it is for, before any column near it.
  if (CONTENT_FIRST.has(shape.kind!) || (shape.fields.length === 0 && PURPOSE.test(shape.time.rest))) return content();
  if (shape.fields.length > 0) return null;
  if (RECIPIENTS.test(shape.time.rest)) return contentFact(book, shape, year, book.withRelated(subject));
  // "ใครจัดทำคู่มือ ตามมาตรการ do & don't", "กำชับเรื่อง do & don't บ่อยแค่ไหน": a measure named with words
  // of its own is asked what its wording says; a clause of another item sharing words does not say it.
  if (!subject?.startsWith('measure:') || !ITEM_KINDS.has(shape.kind!)) return null;
  // A measure the announcement restates has clauses naming who does what: they say who.
  if (shape.kind === 'who' && book.withRelated(subject).length > 1) return null;
  const words = ownWords(book, shape.subject, year, book.withRelated(subject));
  if (words.split(' ').length < MIN_OWN) return null;
  // Named, not guessed: some word of the question is the measure's title ("do & don't"). A measure the
  // search only guessed ("เจ้าหน้าที่ทำงานไม่เป็นไปตามกฎหมาย ต้องรายงานใคร") is no measure asked about.
  if (!namesByTitle(words, ownWords(book, shape.subject, year, []))) return null;
  const own = content();
  return own?.family === subject && WORDING.has(own.field) ? own : null;
}

/** True when the question names just the item: none of its words lies outside the item's title (or their synonyms) and the town's name. */
export function namesOnlyItem(
  book: FactBook,
  shape: QuestionShape,
  year: number,
  subjects: readonly string[],
): boolean {
  return subjects.length > 0 && ownWords(book, shape.subject, year, subjects) === '';
}

/**
 * True when a word the title took from the question (in `all`, not in `own`) names the measure:
 * a word of the title's own ("จริยธรรม", "do & don't"), not a short common one it happens to hold
 * ("ไม่" of "ไม่ควรทำ").
 */
function namesByTitle(own: string, all: string): boolean {
  const kept = new Set(own.split(' '));
  return all.split(' ').some((word) => !kept.has(word) && (/[a-z]/iu.test(word) || [...word].length >= 4));
}

/** Kinds whose answer is the named measure's own wording when it holds the question's words. */
const ITEM_KINDS: ReadonlySet<string> = new Set(['who', 'how', 'when']);
/** A measure's columns that say what was done, in sentences. */
const WORDING: ReadonlySet<string> = new Set(['method', 'summary', 'outcome']);
/** Fewest words of its own a question needs before the measure's wording is searched for them. */
const MIN_OWN = 2;
