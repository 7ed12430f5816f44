import { centralWords } from '../../thai/isan-words.js';
import { monthNamed, withoutMonths } from '../../thai/month-named.js';
import { containsExactPhrase, readUtterance, type Utterance } from '../matching/phrase-match.js';
import { toArabicDigits } from '../../thai/digits.js';
import { repairTerms } from '../../thai/term-repair.js';
import { analyzeText } from '../text-analysis.js';
import {
  FIELD_PHRASES,
  FIELDS,
  FOLLOW_UP_WORDS,
  KIND_PHRASES,
  type Field,
  type QuestionKind,
} from './question-kinds.js';
import { FRAME_ONLY } from './frame-words.js';
import { PhraseCover } from './phrase-cover.js';
import { containsTypoOf, kindFor, kindOf } from './question-kind.js';
import { readTime, type QuestionTime } from './question-time.js';
import { measureOrderIn, writeOrdinals } from './ordinals.js';
import {
  askedLink,
  fixQuestionTypos,
  PURPOSE,
  readThreshold,
  type AgentLink,
  type Threshold,
} from './question-words.js';

/** How a question is put: the kind of answer wanted, the fields it names, its time, whether it names a subject. */
export interface QuestionShape {
  kind: QuestionKind | null;
  fields: Field[];
  time: QuestionTime;
  /** What the question is about: its content words without the asking frame, field, time and follow-up words. */
  subject: string;
  /** Nothing is left of the subject ("แล้วงบล่ะ"): a follow-up. */
  subjectless: boolean;
  /** The question without its time words, as intent rules read it. */
  said: Utterance;
  /** "เกินเก้าสิบไหม": the number a yes/no question compares the fact with. */
  threshold: Threshold | null;
  /** "ความเห็นชอบของใคร": the word tying the doer asked for to the act. */
  link: AgentLink | null;
  /** "มาตรการที่สาม", "the last measure": the measure named by its order. */
  measure: number | 'last' | null;
}

/** Fields that make another redundant when both are named ("ผู้ลงนามมีตำแหน่งอะไร" asks the position). */
const NARROWER: readonly [Field, Field][] = [
  ['position', 'signer'],
  // "หน่วยงานที่รับการประเมิน ITA คือใคร" asks the agency, not what ITA stands for.
  ['agency', 'itaName'],
  ['date', 'issuer'],
  ['signer', 'issuer'],
  ['outcome', 'summary'],
  ['phone', 'owner'],
  ['fiscalYear', 'budget'],
];

export const longestFirst = (words: readonly string[]): string[] =>
  [...new Set(words)].sort((a, b) => b.length - a.length);

/** Asking and follow-up words, and each field's words, found in the question to leave its subject. */
const FRAME_WORDS = new PhraseCover([...KIND_PHRASES.flatMap(([, words]) => words), ...FOLLOW_UP_WORDS, ...FRAME_ONLY]);
const FIELD_WORDS = Object.fromEntries(FIELDS.map((f) => [f, new PhraseCover(FIELD_PHRASES[f])])) as Record<
  Field,
  PhraseCover
>;

/** A day written with its number or month ("วันที่ 10", "10 มกรา", "10 january"). */
const STATED_DATE =
  /วันที่\s*\d|\d\s*(?:ม\.?ค|ก\.?พ|มี\.?ค|เม\.?ย|พ\.?ค|มิ\.?ย|ก\.?ค|ส\.?ค|ก\.?ย|ต\.?ค|พ\.?ย|ธ\.?ค|มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา)|\d\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/iu;
/** Columns of a measure, whose list items a question may number ("วิธีการข้อ 3"). */
const COLUMNS: ReadonlySet<Field> = new Set(['method', 'period', 'owner', 'summary', 'outcome', 'budget']);
const ITEM_NUMBER = /(สรุปผล|ผลการดำเนินการ|ผลการดำเนินงาน|วิธีการ|วิธี|ขั้นตอน|ผลลัพธ์|ผลสำเร็จ)\s*ข้อ(?:ที่)?\s*[\d๐-๙]+/u;
/** Fields named by the act they record (issuing, signing, dating): the act a "why" is asked of. */
const ACTS: ReadonlySet<Field> = new Set(['issuer', 'signer', 'date']);
/** Facts of the report or the announcement that no measure has (a measure has its columns and title). */
const NOT_OF_MEASURES: ReadonlySet<Field> = new Set([
  'agency',
  'district',
  'province',
  'signer',
  'position',
  'issuer',
  'itaName',
  'score',
]);
/** A clause named by its number ("ข้อ 6", "ข้อที่ ๒.๑"). */
const CLAUSE_NAMED = /ข้อ(?:ที่)?\s*\d/u;
const ENDS_ABOUT = /\babout\s*[?？]*\s*$/iu;

/** Reads a question; `read` is the question already read by the intent rules (reused when no time words were taken out). */
export function readQuestion(written: string, read?: Utterance): QuestionShape {
  const text = writeOrdinals(repairTerms(fixQuestionTypos(centralWords(written))));
  const timed = readTime(text);
  // The number compared with is neither searched for nor part of the subject ("คะแนนเกิน 90 ไหม").
  const { threshold, rest } = readThreshold(timed.rest);
  let time = rest === timed.rest ? timed : { ...timed, rest };
  const said = read && time.rest === written ? read : readUtterance(time.rest);
  let fields = askedFields(said, fieldsOf(said));
  // "what is the announcement about": a question ending in "about" asks for the subject.
  if (fields.length === 0 && ENDS_ABOUT.test(time.rest)) fields = ['subject'];
  for (const [narrow, wide] of NARROWER) {
    if (fields.includes(narrow)) fields = fields.filter((f) => f !== wide);
  }
  // "ข้อ ๖ ว่าด้วยเรื่องอะไร": what a numbered clause is about is its own wording, not the document's subject.
  if (fields.length === 1 && fields[0] === 'subject' && CLAUSE_NAMED.test(toArabicDigits(time.rest))) fields = [];
  // "ประกาศฉบับวันที่ 10 มกรา เรื่องอะไร": a date written out picks the document; it is not asked.
  if (fields.length > 1 && fields.includes('date') && STATED_DATE.test(toArabicDigits(time.rest)))
    fields = fields.filter((f) => f !== 'date');
  const kind = kindFor(said, fields, threshold);
  // "ได้เกิน 90 บ่" names no field: a number out of a hundred is a score, a larger one an amount of money.
  if (kind === 'yesno' && threshold && fields.length === 0) fields = [threshold.value <= 100 ? 'score' : 'budget'];
  // "ออกเดือนกุมภาพันธ์ แม่นบ่": a month named in a yes/no is a claim about the date.
  const monthClaim = kind === 'yesno' && fields.length === 0 && monthNamed(time.rest) !== null;
  if (monthClaim) fields = ['date'];
  // "ทำไมต้องออกประกาศ": why an act was done; who did it or when is not asked (its words stay the frame).
  const acts = PURPOSE.test(time.rest) ? fields.filter((f) => ACTS.has(f)) : [];
  fields = fields.filter((f) => !acts.includes(f));
  // "When was it signed" asks for the date; "who signed on the 10th" for the signer.
  if (kind === 'when' && fields.includes('signer'))
    fields = [...fields.filter((f) => f !== 'signer' && f !== 'date'), 'date'];
  if (kind === 'who' && fields.includes('signer')) fields = fields.filter((f) => f !== 'date');
  // "สรุปผลข้อ 2": an item of the column named, not measure 2 (the column is answered whole).
  if (fields.some((f) => COLUMNS.has(f)) && ITEM_NUMBER.test(time.rest))
    time = { ...time, rest: time.rest.replace(ITEM_NUMBER, '$1 ').replace(/\s+/g, ' ').trim() };
  // "มาตรการข้อสามของเทศบาลชื่ออะไร", "มาตรการที่ 1 ในรายงานผลชื่ออะไร": a measure named by its order
  // is asked about itself; a fact only the report or the announcement holds is not what is asked.
  const measure = measureOrderIn(time.rest);
  if (measure !== null) fields = fields.filter((f) => !NOT_OF_MEASURES.has(f));
  const subject = subjectWords(monthClaim ? withoutMonths(time.rest) : time.rest, [...fields, ...acts]);
  return {
    kind,
    fields,
    time,
    subject,
    subjectless: subject === '',
    said,
    threshold,
    link: kind === 'who' ? askedLink(text) : null,
    measure,
  };
}

/** The fields named as written, else those named with a typo ("ประกาศเรื่อง" is not "ประกาศเมื่อ"). */
function fieldsOf(said: Utterance): Field[] {
  const exact = FIELDS.filter((field) => containsExactPhrase(said, FIELD_PHRASES[field]));
  if (exact.length > 0) return exact;
  return FIELDS.filter((field) => containsTypoOf(said, FIELD_PHRASES[field]));
}

/** Asking words inside a field's phrase ("เรื่องอะไร", "ลงนามวันไหน", "ใครดูแล"). */
const ASKING = /อะไร|ไหน|ใด|ใคร|เมื่อ|เท่า|กี่|what|which|who|when|how/u;
const ASKING_PHRASES = Object.fromEntries(
  FIELDS.map((f) => [f, FIELD_PHRASES[f].filter((p) => ASKING.test(p))]),
) as Record<Field, string[]>;

/**
 * "ประกาศฉบับที่นายกเซ็น เป็นประกาศเรื่องอะไร": of several fields, those named with their asking
 * word are asked; a field named without one only picks the item.
 */
function askedFields(said: Utterance, fields: Field[]): Field[] {
  if (fields.length < 2) return fields;
  const asked = fields.filter((f) => containsExactPhrase(said, ASKING_PHRASES[f]));
  return asked.length > 0 ? asked : fields;
}

/** True when the message asks for a fact (a kind of question or a field): "ประกาศเรื่องอะไร" is not the menu word "ประกาศ". */
export function asksFact(said: Utterance): boolean {
  const kind = kindOf(said);
  return (kind !== null && kind !== 'list') || fieldsOf(said).length > 0;
}

const NOT_A_LETTER = /[^\p{L}\p{M}\p{N}]/gu;

/**
 * The words of a question that are neither function words nor inside a field, asking or
 * follow-up phrase. Phrases are found in the text with its function words ("วิธีการ" is
 * "วิธี|การ"), and a word counts as long as part of it lies outside every phrase found.
 */
function subjectWords(text: string, fields: readonly Field[]): string {
  const { compact, tokens } = analyzeText(text);
  const covered = new Uint8Array(compact.length);
  for (const field of fields) FIELD_WORDS[field].cover(compact, covered);
  FRAME_WORDS.cover(compact, covered);
  const words: string[] = [];
  for (const token of tokens)
    if (!token.filler && covered.subarray(token.start, token.end).includes(0))
      words.push(token.text.replace(NOT_A_LETTER, ''));
  // Spaced, so English words stay words when the subject is searched on its own.
  return words.filter(Boolean).join(' ');
}

/** The compact text without the given words (to be given longest first), letters and digits only. */
export function without(compact: string, sortedWords: readonly string[]): string {
  return strip(compact, sortedWords).replace(NOT_A_LETTER, '');
}

/** Removes each word (in the order given, longest first) wherever it occurs. */
function strip(compact: string, sortedWords: readonly string[]): string {
  let rest = compact;
  for (const word of sortedWords) if (rest.includes(word)) rest = rest.split(word).join('');
  return rest;
}
