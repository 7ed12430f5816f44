import { containsExactPhrase, containsPhrase, phrases } from '../matching/phrase-match.js';
import { isReportingQuestion } from '../matching/tip-intent.js';
import type { Hit } from '../search-index.js';
import type { FactBook } from './fact-book.js';
import { chooseFact, FOLLOW_ON, yearsAsked, type AnswerContext } from './fact-choice.js';
import type { FactUnit } from './fact-units.js';
import type { Field } from './question-kinds.js';
import { GENERIC } from './generic-words.js';
import { readQuestion, without, type QuestionShape } from './read-question.js';
import { problemTold, SERVICE_FAMILY, serviceFactFor, serviceFollowUp } from './service-answer.js';
import { quoteFallback } from './quote-fallback.js';
import { claimedItem } from './claim-verdict.js';
import { said } from './stated-first.js';
import { asksSomething, asksTitle } from './question-frames.js';
import type { ServiceFact } from './service-facts.js';

/** What a question is answered with, before it is drawn as messages. */
export type Reply =
  /** `verdict`: the yes or no to a comparison with a number; `stated`: the clause's words naming the doer asked for. */
  | { type: 'fact'; units: FactUnit[]; verdict?: boolean; stated?: string }
  | { type: 'service'; fact: ServiceFact }
  | { type: 'measure-list'; year: number; count: boolean }
  | { type: 'section-list'; year: number; count: boolean }
  /** One field of every measure ("งบประมาณแต่ละมาตรการ", or "ใครรับผิดชอบ" with nothing before it). */
  | { type: 'across'; units: FactUnit[] }
  | { type: 'latest-announcement' }
  /** A fact of a publication (its date, its topic, its wording), `itemId` its search item. */
  | { type: 'publication'; itemId: string; when: boolean }
  | { type: 'not-held'; field: Field; family: string | null; year: number }
  | { type: 'no-year'; years: number[] }
  | { type: 'items'; ids: string[] }
  | { type: 'none' };

export interface Question {
  shape: QuestionShape;
  best: Hit | null;
  runnersUp: Hit[];
}

const MEASURE_WORDS = phrases(['มาตรการ', 'measure', 'measures', 'กิจกรรม']);
const COUNT_MEASURES = phrases(['กี่มาตรการ', 'จำนวนมาตรการ', 'how many measures', 'number of measures']);
const ANNOUNCEMENT_WORDS = phrases(['ประกาศ', 'announcement', 'announcements']);
const SECTION_WORDS = phrases(['ประกาศ', 'หัวข้อ', 'announcement', 'sections']);
const EACH_WORDS = phrases(['แต่ละ', 'ทุกมาตรการ', 'ทั้งหมด', 'ทั้งสาม', 'each', 'every', 'all']);
const MEASURE_FIELDS: ReadonlySet<Field> = new Set(['method', 'period', 'owner', 'summary', 'outcome', 'budget']);

type Answered = { reply: Reply; context: AnswerContext | null };
/** `keeps`: the answer leaves the previous answer's context as it was. */
type Fresh = Answered & { keeps?: true };
/** Answers of questions that do not depend on the previous answer, kept on the (shared, read-only) question. */
const remembered = new WeakMap<
  Question,
  { book: FactBook; reply: Reply; context: AnswerContext | null; passesOn: boolean }
>();

/**
 * Answers a question from the facts, the service's facts, the lists, or the items found. A
 * question that names its subject and no "that year" or "แล้ว…ล่ะ" is answered the same for
 * everyone: its answer is kept with the question (understanding hands the same one out).
 */
export function answerQuestion(book: FactBook, q: Question, context: AnswerContext | null): Answered {
  const { shape } = q;
  const alone = !shape.subjectless && !shape.time.thatYear && !FOLLOW_ON.test(shape.time.rest);
  const known = alone ? remembered.get(q) : undefined;
  if (known?.book === book) return { reply: known.reply, context: known.passesOn ? context : known.context };
  const { reply, context: next, keeps } = answerAfresh(book, q, context);
  if (alone) remembered.set(q, { book, reply, context: keeps ? null : next, passesOn: keeps === true });
  return { reply, context: next };
}

/** `tail`: the question is already the end of a longer message (not cut again). */
function answerAfresh(book: FactBook, q: Question, previous: AnswerContext | null, tail = false): Fresh {
  const { shape } = q;
  const facts = book.service.facts;
  const service =
    serviceFactFor(facts, shape, isReportingQuestion(shape.said, shape.kind, shape.fields)) ??
    serviceFollowUp(facts, shape, previous?.family);
  const year0 = book.years[0] ?? 0;
  if (service)
    return {
      reply: { type: 'service', fact: service },
      context: { family: SERVICE_FAMILY + service.id, key: null, year: year0 },
    };
  // After a service fact, the documents' facts have no previous subject.
  const context = previous?.family.startsWith(SERVICE_FAMILY) ? null : previous;
  const year = yearsAsked(book, shape, context)[0] ?? book.years[0] ?? 0;
  // "มาตรการที่สาม": the measure named by its order is the subject, whatever the search found.
  const ordered = shape.measure === null ? null : book.measureFamily(shape.measure, year);
  // "ประกาศฉบับนี้ชื่อว่าอะไร": the announcement asked for its name, as a measure named by its order is.
  const named = ordered ?? (containsPhrase(shape.said, ANNOUNCEMENT_WORDS) ? 'announcement' : null);
  const field = named === 'announcement' ? 'subject' : 'title';
  const titled = named && asksTitle(shape) ? book.inYear(`${named}/${field}`, year) : undefined;
  if (titled) return { reply: { type: 'fact', units: [titled] }, context: { family: named!, key: titled.key, year } };
  const listed =
    !ordered && onlyGeneric(book.withoutPlace(shape.subject)) ? listReply(book, shape, year, context) : null;
  if (listed) return { reply: listed, context: null };
  if (q.best?.item.kind === 'publication' && (shape.kind !== null || shape.fields.length > 0)) {
    return {
      reply: {
        type: 'publication',
        itemId: q.best.item.id,
        when: shape.kind === 'when' || shape.fields.includes('date'),
      },
      context: null,
    };
  }
  const subject = ordered ?? (q.best ? (book.familyOfItem(q.best.item.id) ?? null) : claimedItem(book, shape, year));
  const choice = chooseFact(book, shape, shape.time.rest, subject, context);
  if (choice?.type === 'fact') {
    const [unit] = choice.units;
    return {
      reply: unit ? { ...choice, ...said(unit, shape, book) } : choice,
      context: unit ? { family: unit.family, key: unit.key, year: unit.year } : null,
    };
  }
  // Not a fact of its own (not held, no such year): the previous answer stays the subject.
  if (choice) return { reply: choice, context, keeps: true };
  const items = itemsAnswer(book, q, subject, year, context);
  const quoted = items.reply.type === 'none' || asksSomething(shape) ? quoteAnswer(book, shape, year, subject) : null;
  if (quoted) return quoted;
  // Nothing in the documents, a problem told that another channel fixes ("ไฟดับทั้งหมู่บ้าน"): that channel.
  const told =
    items.reply.type === 'none' && !containsPhrase(shape.said, MEASURE_WORDS)
      ? problemTold(book.service.facts, shape)
      : null;
  if (told) return { reply: { type: 'service', fact: told }, context: null };
  return items.reply.type === 'none' && !tail ? (askedAtEnd(book, shape, context) ?? items) : items;
}

/** "ถ้า…", "หาก…", "if …": a question opening with the case it supposes. */
const SUPPOSING = /^\s*(?:ถ้า|หาก|สมมติ|สมมุติ|if\b)/iu;
/** A told story is this long before its last sentences are read as the question. */
const STORY_CHARS = 60;
/** Last sentences tried, each read and answered once: the cost per message stays bounded. */
const TAIL_PARTS = 3;

/**
 * "ถ้าเห็นเพื่อนร่วมงานทำผิดระเบียบ บุคลากรต้องรายงานใคร", "…กลับบ้านมาเห็นป้าย… เลยอยากรู้ว่า
 * หน่วยไหนที่ต้องสรุปสถิติ…": the supposed case or the story is the resident's own words; the
 * last sentences that ask something are the question. Tried only when the whole answers
 * nothing, shortest first; a sentence is cut at spaces not next to a number ("ข้อ 3 ของ…").
 */
function askedAtEnd(book: FactBook, shape: QuestionShape, context: AnswerContext | null): Fresh | null {
  const text = shape.time.rest.trim();
  if (!SUPPOSING.test(text) && text.length < STORY_CHARS) return null;
  const parts = text.split(/(?<![\d๐-๙])\s+(?![\d๐-๙])/u);
  for (let n = 1; n <= Math.min(TAIL_PARTS, parts.length - 1); n++) {
    const tail = readQuestion(parts.slice(-n).join(' '));
    // "…จริงบ่ ได้คะแนนเท่าไหร่": a field named (the score) may name the item by itself.
    if ((tail.subject === '' && tail.fields.length === 0) || !asksSomething(tail)) continue;
    const fresh = answerAfresh(book, { shape: tail, best: null, runnersUp: [] }, context, true);
    if (fresh.reply.type !== 'none') return fresh;
  }
  return null;
}

/** Neither a fact chosen nor a fact of the item: the document's own sentence holding the question's words. */
function quoteAnswer(book: FactBook, shape: QuestionShape, year: number, subject: string | null): Fresh | null {
  const unit = quoteFallback(book, shape, year, book.withRelated(subject));
  if (!unit) return null;
  return {
    reply: { type: 'fact', units: [unit], ...said(unit, shape, book) },
    context: { family: unit.family, key: unit.key, year: unit.year },
  };
}

/** Lists and counts: the measures, the announcement's sections, one field of every measure, the newest announcement. */
function listReply(book: FactBook, shape: QuestionShape, year: number, context: AnswerContext | null): Reply | null {
  const listing = shape.kind === 'count' || shape.kind === 'list';
  const count = shape.kind === 'count';
  if (shape.fields.length === 0) {
    if (shape.time.latest && containsPhrase(shape.said, ANNOUNCEMENT_WORDS)) return { type: 'latest-announcement' };
    if (listing && containsPhrase(shape.said, MEASURE_WORDS)) return { type: 'measure-list', year, count };
    if (listing && containsPhrase(shape.said, SECTION_WORDS)) return { type: 'section-list', year, count };
    return null;
  }
  // "รายงานผลการดำเนินการมีกี่มาตรการ": counting the measures, whatever column the words name.
  if (count && containsExactPhrase(shape.said, COUNT_MEASURES)) return { type: 'measure-list', year, count };
  const [field] = shape.fields;
  // "วิธีการมีอะไรบ้าง" right after a measure's answer lists that measure's column (the follow-up keeps its subject).
  const followed =
    shape.subjectless && context !== null && book.ofFamily(context.family, context.year).some((u) => u.field === field);
  const each = containsPhrase(shape.said, EACH_WORDS) || (listing && !followed) || (shape.subjectless && !context);
  if (shape.fields.length !== 1 || !field || !MEASURE_FIELDS.has(field) || !each) return null;
  const units = book.acrossMeasures(field, year);
  return units.length > 1 ? { type: 'across', units } : null;
}

/** The items found, moved to the year asked; a subjectless follow-up shows the previous item in that year. */
function itemsAnswer(
  book: FactBook,
  q: Question,
  subject: string | null,
  year: number,
  context: AnswerContext | null,
): { reply: Reply; context: AnswerContext | null } {
  const family = subject ?? (q.shape.subjectless && context ? context.family : null);
  if (!family) {
    const ids = q.best ? [q.best.item.id, ...q.runnersUp.map((h) => h.item.id)] : [];
    return { reply: ids.length > 0 ? { type: 'items', ids } : { type: 'none' }, context: null };
  }
  // The ITA result is asked about for its score: state it (in every year asked, when years are compared).
  const scores =
    family === 'ita' ? yearsAsked(book, q.shape, context).flatMap((y) => book.inYear('ita/score', y) ?? []) : [];
  const score = scores[0];
  if (score) return { reply: { type: 'fact', units: scores }, context: { family, key: score.key, year: score.year } };
  const main = book.itemIn(family, year) ?? q.best?.item.id;
  if (!main) return { reply: { type: 'none' }, context: null };
  const others = q.runnersUp.map((h) => h.item.id).filter((id) => book.familyOfItem(id) !== family);
  return {
    reply: { type: 'items', ids: [main, ...others] },
    context: { family, key: null, year: book.yearOfItem(main) ?? year },
  };
}

/** True when the subject only names measures or announcements in general. */
function onlyGeneric(subject: string): boolean {
  return subject === '' || without(subject.replace(/\s+/g, ''), GENERIC) === '';
}
