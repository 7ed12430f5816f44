import { containsExactPhrase, containsPhrase, readUtterance, type Utterance } from '../../bot/phrase-match.js';
import { FIELD_PHRASES, FIELDS, FOLLOW_UP_WORDS, KIND_PHRASES, type Field, type QuestionKind } from './question-kinds.js';
import { readTime, type QuestionTime } from './question-time.js';

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
}

/** Fields that make another redundant when both are named ("ผู้ลงนามมีตำแหน่งอะไร" asks the position). */
const NARROWER: readonly [Field, Field][] = [
  ['position', 'signer'],
  ['date', 'issuer'],
  ['signer', 'issuer'],
  ['outcome', 'summary'],
  ['phone', 'owner'],
  ['fiscalYear', 'budget'],
];

/** Asking words of every kind, longest first, removed to find the subject. */
const KIND_WORDS = [...new Set(KIND_PHRASES.flatMap(([, words]) => words))].sort((a, b) => b.length - a.length);

export function readQuestion(text: string): QuestionShape {
  const time = readTime(text);
  const said = readUtterance(time.rest);
  const kind = kindOf(said);
  let fields = fieldsOf(said);
  for (const [narrow, wide] of NARROWER) {
    if (fields.includes(narrow)) fields = fields.filter((f) => f !== wide);
  }
  const subject = without(said.content, [...fields.flatMap((f) => FIELD_PHRASES[f]), ...FOLLOW_UP_WORDS, ...KIND_WORDS]);
  return { kind, fields, time, subject, subjectless: subject === '', said };
}

/**
 * The kind of question; words as written count before a typo's near-match, since asking words
 * are short and near each other ("เพื่ออะไร" is one letter from "ชื่ออะไร").
 */
export function kindOf(said: Utterance): QuestionKind | null {
  const exact = KIND_PHRASES.find(([, words]) => containsExactPhrase(said, words));
  return (exact ?? KIND_PHRASES.find(([, words]) => containsPhrase(said, words)))?.[0] ?? null;
}

/** The fields named as written, else those named with a typo ("ประกาศเรื่อง" is not "ประกาศเมื่อ"). */
function fieldsOf(said: Utterance): Field[] {
  const exact = FIELDS.filter((field) => containsExactPhrase(said, FIELD_PHRASES[field]));
  return exact.length > 0 ? exact : FIELDS.filter((field) => containsPhrase(said, FIELD_PHRASES[field]));
}

/** True when the message asks for a fact (a kind of question or a field): "ประกาศเรื่องอะไร" is not the menu word "ประกาศ". */
export function asksFact(said: Utterance): boolean {
  const kind = kindOf(said);
  return (kind !== null && kind !== 'list') || fieldsOf(said).length > 0;
}

/** The compact text without the given words (longest first), letters and digits only. */
export function without(compact: string, words: readonly string[]): string {
  let rest = compact;
  for (const word of [...words].sort((a, b) => b.length - a.length)) if (rest.includes(word)) rest = rest.split(word).join('');
  return rest.replace(/[^\p{L}\p{M}\p{N}]/gu, '');
}
