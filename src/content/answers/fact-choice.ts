import { clauseNumbered } from './clause-choice.js';
import { contentFact, contentFirst, namesOnlyItem } from './content-fact.js';
import { best, MIN_COVERAGE, type Preference } from './fact-ranking.js';
import type { FactBook } from './fact-book.js';
import type { FactUnit } from './fact-units.js';
import { KIND_FIELDS, type Field } from './question-kinds.js';
import { HOW_OFTEN, PURPOSE } from './question-words.js';
import type { QuestionShape } from './read-question.js';

/** What the previous answer was about, for a follow-up without its subject. */
export interface AnswerContext {
  family: string;
  /** The fact's key when the answer was one fact ("measure:1/budget"). */
  key: string | null;
  year: number;
}

/** The fact a question asks for: one unit per year asked (several when years are compared). */
export type FactChoice =
  | { type: 'fact'; units: FactUnit[] }
  | { type: 'not-held'; field: Field; family: string | null; year: number }
  | { type: 'no-year'; years: number[] };

/** The years a question is about; the first is the one answered, the rest are compared to it. */
export function yearsAsked(book: FactBook, shape: QuestionShape, context: AnswerContext | null): number[] {
  const { time } = shape;
  const newest = book.years[0] ?? 0;
  // Compared years newest first, whatever order they were asked in.
  if (time.compare) return time.years.length > 1 ? [...time.years].sort((a, b) => b - a) : book.years.slice(0, 2);
  if (time.years.length > 0) return time.years;
  if (time.back !== null) return [book.years[time.back] ?? newest - time.back];
  if (time.thatYear && context) return [context.year];
  if (time.latest) return [newest];
  if (context && shape.subjectless) return [context.year];
  return [newest];
}

/**
 * Picks the fact asked about, or null when the question names no field or kind a fact could
 * answer (the whole item then answers it). `subject`: the family of the item the item search
 * found, if any.
 */
export function chooseFact(
  book: FactBook,
  shape: QuestionShape,
  text: string,
  subject: string | null,
  context: AnswerContext | null,
): FactChoice | null {
  // The ITA result is asked about for its score ("ผลประเมินสองปีเป็นยังไง").
  // ("ITA คืออะไร" asks what it stands for: its kind names that field).
  const named =
    shape.fields.length > 0
      ? shape.fields
      : subject === 'ita' && !shape.subjectless && !ASKS_OTHER_THAN_SCORE.has(shape.kind ?? '')
        ? ['score' as const]
        : namesTown(book, shape, text)
          ? ['agency' as const]
          : carriedField(shape, text, context);
  const wanted = named.length > 0 ? named : shape.kind ? KIND_FIELDS[shape.kind] : [];
  // A clause can answer any who/how/where/when question, also one naming a field in passing
  // ("ต้องปรับปรุงข้อมูลโดยความเห็นชอบของใคร" is not about a measure's owner).
  // A yes/no naming a field claims its value ("ปลัดเป็นคนเซ็นใช่ไหม"): that field answers, not a clause naming the claim.
  const clauses =
    shape.kind !== null &&
    CLAUSE_KINDS.has(shape.kind) &&
    !(shape.kind === 'yesno' && named.length > 0) &&
    !whenOfMeasure(book, shape, subject, context);
  const again = shape.subjectless && context?.key ? context.key : null;
  const years = yearsAsked(book, shape, context);
  const year = years[0]!;
  // A measure named by its order ("มาตรการที่ 3") is the only item the answer may come from.
  const ordered = shape.measure !== null && subject?.startsWith('measure:') ? subject : null;
  // "ข้อ 2.1 ใครรับผิดชอบ": the clause named by its number says who, not a measure's owner column.
  const numbered =
    named.every((f) => f === 'owner') && !ordered
      ? clauseNumbered(book, text, shape.said.compact, year, book.withRelated(subject))
      : null;
  if (numbered) return { type: 'fact', units: [numbered, ...compared(book, numbered, years)] };
  // "งานประชาสัมพันธ์ต้องทำอะไรบ้าง": what an office must do is what the clauses naming it as doer say.
  const doers = asksDuties(shape, named) ? book.clausesOfDoerIn(text, year) : [];
  const duty = doers.length > 0 ? (best(book, text, (u) => doers.includes(u)) ?? doers[0]!) : null;
  if (duty) return { type: 'fact', units: [duty, ...compared(book, duty, years)] };
  // Something asked about what an item says, no column named: the wording that holds it answers.
  let inside: FactUnit | null | undefined;
  const content = (): FactUnit | null => {
    if (inside === undefined)
      inside =
        named.length === 0 && !again && (shape.kind !== null || subject === null)
          ? contentFact(book, shape, year, book.withRelated(ordered ?? subject))
          : null;
    return inside;
  };
  if (wanted.length === 0 && !clauses && !again) return factOf(book, content(), years);
  if (!book.years.includes(year)) return { type: 'no-year', years: [...book.years] };
  const fits = (u: FactUnit): boolean =>
    u.year === year && (wanted.includes(u.field as Field) || (clauses && u.field === 'clause'));
  const follow = ordered ?? (shape.subjectless && context ? context.family : null);
  const prefer: Preference = {
    subjects: book.withRelated(subject),
    named,
    kindFields: wanted,
    who: shape.kind === 'who',
    link: shape.link,
    asked: shape.time.rest.replace(/\s+/g, ''),
    often: HOW_OFTEN.test(shape.time.rest),
  };
  // A yes/no, where or list question without a column is about what the item says, before any clause near it.
  const first = (!follow || ordered) && shape.kind !== null ? contentFirst(book, shape, year, subject, content) : null;
  const chosen =
    first ??
    (follow
      ? fromFamily(book, follow, year, { wanted, named }, fits, text, context?.key ?? null)
      : (best(book, text, fits, prefer) ?? (shape.subject !== '' ? best(book, shape.subject, fits, prefer) : null)));
  if (chosen) return { type: 'fact', units: [chosen, ...compared(book, chosen, years)] };
  if (content()) return factOf(book, content(), years);
  // With no other words, a field only one item has (the score, the signer) names that item by itself.
  // The municipality's own name is no other subject ("how many points did the town get"); nor is
  // what a yes/no claims ("นายสมชาย ใจดี เป็นคนลงนามใช่ไหม": the name is compared, not searched for).
  const alone = book.withoutPlace(shape.subject) === '' || shape.kind === 'yesno';
  const only = named[0] && alone ? book.onlyFamilyWith(named[0], year) : null;
  return notHeld(book, named[0], follow ?? subject ?? subjectOf(book, shape.subject, year) ?? only, year, years);
}

/** What someone must do, how, or which duties ("รับผิดชอบอะไรบ้าง"): not who does it (that asks for the doer). */
function asksDuties(shape: QuestionShape, named: readonly Field[]): boolean {
  const how = shape.kind === 'how' || shape.kind === 'list' || shape.kind === null;
  return how && named.every((f) => f === 'method' || f === 'owner') && !PURPOSE.test(shape.time.rest);
}

/** The fact in the year answered and the same fact in the years compared; null for no fact. */
function factOf(book: FactBook, unit: FactUnit | null, years: readonly number[]): FactChoice | null {
  return unit ? { type: 'fact', units: [unit, ...compared(book, unit, years)] } : null;
}

/**
 * "when is the public disclosure measure carried out": a measure asked "when" with no words of
 * its own is asked its period; a clause sharing its title words says when something else is done.
 */
function whenOfMeasure(
  book: FactBook,
  shape: QuestionShape,
  subject: string | null,
  context: AnswerContext | null,
): boolean {
  if (shape.kind !== 'when' || shape.fields.length > 0 || shape.subjectless) return false;
  const year = yearsAsked(book, shape, context)[0]!;
  const found = book.withRelated(subject ?? subjectOf(book, shape.subject, year));
  const measure = found.find((f) => f.startsWith('measure:'));
  return measure !== undefined && namesOnlyItem(book, shape, year, book.withRelated(measure));
}

/** "เทศบาลนี้ชื่อเต็มว่าอะไร": the full name asked of the town itself (not of ITA) is the agency's. */
function namesTown(book: FactBook, shape: QuestionShape, text: string): boolean {
  return (
    shape.kind === 'abbrev' && shape.subject !== '' && book.withoutPlace(shape.subject) === '' && !/ita/iu.test(text)
  );
}

/** "แล้วมาตรการเผยแพร่ข้อมูลล่ะ" after a budget answer asks for that budget: the previous field carries over. */
function carriedField(shape: QuestionShape, text: string, context: AnswerContext | null): Field[] {
  if (shape.kind !== null || shape.subjectless || !context?.key || !FOLLOW_ON.test(text)) return [];
  const field = context.key.split('/')[1];
  return field && field !== 'clause' ? [field as Field] : [];
}

/** The field asked is not among the item's facts: say so (the item's own fact when it has one after all). */
function notHeld(
  book: FactBook,
  field: Field | undefined,
  about: string | null,
  year: number,
  years: readonly number[],
): FactChoice | null {
  if (!field || !about) return null;
  // Never "not found" for a fact the documents hold: a field only one item has is that item's ("ita 100 คะแนนเต็มไหม").
  const only = book.onlyFamilyWith(field, year);
  // "ITA result?": the report's result is its score (another field the same kind of question asks for).
  const standIns = KIND_FIELDS.result.includes(field) ? KIND_FIELDS.result : [field];
  const held =
    book.ofFamily(about, year).find((u) => u.field === field) ??
    book.ofFamily(about, year).find((u) => standIns.includes(u.field as Field)) ??
    (only ? book.ofFamily(only, year).find((u) => u.field === field) : undefined);
  return held
    ? { type: 'fact', units: [held, ...compared(book, held, years)] }
    : { type: 'not-held', field, family: about, year };
}

/** "แล้ว ... ล่ะ", "what about ...": a question that continues the previous one. */
export const FOLLOW_ON = /^\s*(?:แล้ว|ส่วน|what about\s|how about\s|and\s)|(?:ล่ะ|ละ|หล่ะ)\s*[?？]?\s*$/iu;

/** Kinds whose fields the ITA report holds besides its score: "ผล ita 93.05 เป็นของหน่วยงานไหน" asks for the agency. */
const ASKS_OTHER_THAN_SCORE: ReadonlySet<string> = new Set(['abbrev', 'who', 'where']);

/** Kinds a numbered clause of the announcement can answer. */
const CLAUSE_KINDS: ReadonlySet<string> = new Set(['who', 'how', 'where', 'when', 'yesno']);
/** The item a question's subject words name, when the asked field is not held (the mayor's phone number). */
function subjectOf(book: FactBook, subject: string, year: number): string | null {
  if (subject === '') return null;
  const found = book.search(subject).find(({ unit, hit }) => unit.year === year && hit.coverage >= MIN_COVERAGE);
  return found?.unit.family ?? null;
}

/** A follow-up: the asked field of the previous answer's item (same field again when none is named). */
function fromFamily(
  book: FactBook,
  family: string,
  year: number,
  asked: { wanted: readonly Field[]; named: readonly Field[] },
  fits: (u: FactUnit) => boolean,
  text: string,
  key: string | null,
): FactUnit | null {
  const { wanted } = asked;
  const named = book.ofFamily(family, year).filter((u) => wanted.includes(u.field as Field));
  if (named.length > 0) return best(book, text, (u) => named.includes(u)) ?? named[0]!;
  const again = key ? book.inYear(key, year) : undefined;
  if (wanted.length === 0 && again) return again;
  // "ใครเป็นคนทำ" after a clause that opens with its doer ("งานประชาสัมพันธ์ … ต้อง…"): that clause again.
  if (again?.agent && again.value.startsWith(again.agent) && asked.named.length === 0 && wanted.includes('owner'))
    return again;
  // A section restating a measure holds no owner or budget: the measure it restates does.
  const related = book
    .withRelated(family)
    .slice(1)
    .flatMap((f) => book.ofFamily(f, year));
  return (
    related.find((u) => wanted.includes(u.field as Field)) ??
    best(book, text, (u) => u.family === family && fits(u)) ??
    soleHolder(book, asked.named.length > 0 ? asked.named : wanted.length === 1 ? wanted : [], year)
  );
}

/**
 * "ไอทีเอ" then "ย่อมาจากอะไร": the item followed holds no such fact, but one item alone holds
 * it (the announcement's preamble spells ITA out): that fact answers. Only for a field named
 * or the one field a kind asks for, never a guess among several.
 */
function soleHolder(book: FactBook, fields: readonly Field[], year: number): FactUnit | null {
  for (const field of fields) {
    const family = book.onlyFamilyWith(field, year);
    const unit = family ? book.ofFamily(family, year).find((u) => u.field === field) : undefined;
    if (unit) return unit;
  }
  return null;
}

/** The same fact in the other years compared. */
function compared(book: FactBook, unit: FactUnit, years: readonly number[]): FactUnit[] {
  return years.slice(1).flatMap((y) => {
    const other = book.inYear(unit.key, y);
    return other ? [other] : [];
  });
}
