import { GENERIC } from './generic-words.js';
import { without, type QuestionShape } from './read-question.js';

/**
 * Question frames read beside the question's kind and fields: asking an item's name, or
 * asking "what/which" when the frame itself is not one the reader knows.
 */

/** "ชื่อว่าอะไร", "คือมาตรการอะไร", "เรื่องอะไร", "what is it called": the frames that ask an item's name. */
const TITLE_FRAME = /ชื่อ|คือ|เรื่อง|อะไร|อันไหน|what|name|title|called/iu;

/** What names a measure's order (its number, "สุดท้าย", "last"), beside the word for measure. */
const ORDER_WORDS = /[\s\d]+|ลำดับ|สุดท้าย|แรก|\blast\b|\bfirst\b|\bfinal\b/giu;

/** "มาตรการที่ 2 คือมาตรการอะไร": a measure named by its order, asked for its name and nothing else. */
export function asksTitle(shape: QuestionShape): boolean {
  if (shape.fields.some((f) => f !== 'subject') || !TITLE_FRAME.test(shape.said.compact)) return false;
  if (shape.kind !== null && shape.kind !== 'who' && shape.kind !== 'abbrev' && shape.kind !== 'list') return false;
  return without(shape.subject.replace(ORDER_WORDS, ''), GENERIC) === '';
}

/** "กำหนดตัวชี้วัดอะไร", "ฉบับไหน": what or which, a question even when its frame is not known. */
const ASKS_WHAT = /อะไร|อันไหน|ฉบับไหน|อย่างไหน|ใด|อีหยัง|what|which/iu;

/** The question asks for something of an item (a kind of answer or a field), not for the item itself. */
export function asksSomething(shape: QuestionShape): boolean {
  return shape.kind !== null || shape.fields.length > 0 || ASKS_WHAT.test(shape.time.rest);
}
