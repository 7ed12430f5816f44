import { containsPhrase, phrases } from '../../bot/phrase-match.js';
import { isReportingQuestion } from '../../bot/tip-intent.js';
import type { Hit } from '../search-index.js';
import type { FactBook } from './fact-book.js';
import { chooseFact, yearsAsked, type AnswerContext } from './fact-choice.js';
import type { FactUnit } from './fact-units.js';
import type { Field } from './question-kinds.js';
import { without, type QuestionShape } from './read-question.js';
import { serviceFactFor } from './service-answer.js';
import type { ServiceFact } from './service-facts.js';

/** What a question is answered with, before it is drawn as messages. */
export type Reply =
  | { type: 'fact'; units: FactUnit[] }
  | { type: 'service'; fact: ServiceFact }
  | { type: 'measure-list'; year: number; count: boolean }
  | { type: 'latest-announcement' }
  | { type: 'not-held'; field: Field; family: string | null; year: number }
  | { type: 'no-year'; years: number[] }
  | { type: 'items'; ids: string[] }
  | { type: 'none' };

export interface Question {
  shape: QuestionShape;
  best: Hit | null;
  runnersUp: Hit[];
}

/** Words that name measures or announcements in general, not one of them. */
const GENERIC = phrases([
  'มาตรการ', 'กิจกรรม', 'measure', 'measures', 'เทศบาล', 'เทศบาลตำบล', 'หน่วยงาน', 'ส่งเสริม', 'คุณธรรม', 'ความโปร่งใส',
  'โปร่งใส', 'ภายใน', 'ป้องกัน', 'ทุจริต', 'ประกาศ', 'announcement', 'ฉบับ', 'ออก', 'ใหม่', 'แล้ว', 'ทำ', 'ข้อ',
]);
const MEASURE_WORDS = phrases(['มาตรการ', 'measure', 'measures', 'กิจกรรม']);
const ANNOUNCEMENT_WORDS = phrases(['ประกาศ', 'announcement', 'announcements']);

/** Answers a question from the facts, the service's facts, the lists, or the items found. */
export function answerQuestion(book: FactBook, q: Question, context: AnswerContext | null): { reply: Reply; context: AnswerContext | null } {
  const { shape } = q;
  const service = serviceFactFor(book.service.facts, shape, isReportingQuestion(shape.said, shape.kind, shape.fields));
  if (service) return { reply: { type: 'service', fact: service }, context: null };
  const year = yearsAsked(book, shape, context)[0] ?? book.years[0] ?? 0;
  const general = onlyGeneric(shape.subject);
  if ((shape.kind === 'count' || shape.kind === 'list') && shape.fields.length === 0 && general && containsPhrase(shape.said, MEASURE_WORDS)) {
    return { reply: { type: 'measure-list', year, count: shape.kind === 'count' }, context: null };
  }
  if (shape.time.latest && shape.fields.length === 0 && general && containsPhrase(shape.said, ANNOUNCEMENT_WORDS)) {
    return { reply: { type: 'latest-announcement' }, context: null };
  }
  const subject = q.best ? (book.familyOfItem(q.best.item.id) ?? null) : null;
  const choice = chooseFact(book, shape, shape.time.rest, subject, context);
  if (choice?.type === 'fact') {
    const [unit] = choice.units;
    return { reply: choice, context: unit ? { family: unit.family, key: unit.key, year: unit.year } : null };
  }
  if (choice) return { reply: choice, context };
  return itemsAnswer(book, q, subject, year, context);
}

/** The items found, moved to the year asked; a subjectless follow-up shows the previous item in that year. */
function itemsAnswer(book: FactBook, q: Question, subject: string | null, year: number, context: AnswerContext | null): { reply: Reply; context: AnswerContext | null } {
  const family = subject ?? (q.shape.subjectless && context ? context.family : null);
  if (!family) {
    const ids = q.best ? [q.best.item.id, ...q.runnersUp.map((h) => h.item.id)] : [];
    return { reply: ids.length > 0 ? { type: 'items', ids } : { type: 'none' }, context: null };
  }
  const main = book.itemIn(family, year) ?? q.best?.item.id;
  if (!main) return { reply: { type: 'none' }, context: null };
  const others = q.runnersUp.map((h) => h.item.id).filter((id) => book.familyOfItem(id) !== family);
  return { reply: { type: 'items', ids: [main, ...others] }, context: { family, key: null, year: book.yearOfItem(main) ?? year } };
}

/** True when the subject only names measures or announcements in general. */
function onlyGeneric(subject: string): boolean {
  return without(subject, GENERIC) === '';
}
