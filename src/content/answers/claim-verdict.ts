import { phrases } from '../matching/phrase-match.js';
import { toArabicDigits } from '../../thai/digits.js';
import { monthNamed } from '../../thai/month-named.js';
import type { FactBook } from './fact-book.js';
import { MIN_COVERAGE } from './fact-ranking.js';
import type { FactUnit } from './fact-units.js';
import { GENERIC } from './generic-words.js';
import { without, type QuestionShape } from './read-question.js';

/**
 * A yes/no that restates a named fact ("ปลัดเทศบาลเป็นคนเซ็นใช่มั้ย", "ออกเดือนกุมภาพันธ์
 * แม่นบ่", "กองคลังรับผิดชอบฝ่ายเดียวแม่นบ่") is answered by comparing the claim with the
 * document's value: ใช่ or ไม่ใช่, then the fact. Only fields whose value is a name or a date
 * are compared; a claim the question does not spell out gets no verdict (the fact alone).
 */

/** Fields whose value a resident can claim and the bot can compare word by word. */
const CLAIM_FIELDS: ReadonlySet<string> = new Set(['signer', 'owner', 'agency', 'issuer', 'position', 'date']);
/** Words that qualify a claim ("alone", "only") rather than name who or what. */
const QUALIFIERS: ReadonlySet<string> = new Set(phrases(['ฝ่าย', 'เดียว', 'คน', 'เท่านั้น', 'only', 'alone', 'ผู้']));
/** Yes or no to the claim a yes/no question makes about the unit's value; undefined when it makes none. */
export function claimVerdict(book: FactBook, unit: FactUnit, shape: QuestionShape): boolean | undefined {
  if (shape.kind !== 'yesno' || shape.threshold) return undefined;
  if (unit.field === 'budget') return budgetVerdict(unit.value, shape.time.rest);
  if (!CLAIM_FIELDS.has(unit.field)) return undefined;
  if (unit.field === 'date') {
    const claimed = monthNamed(shape.time.rest);
    return claimed === null ? undefined : claimed === monthNamed(unit.value);
  }
  const value = unit.value.replace(/\s+/g, '').toLowerCase();
  // The item's own name and title are how the question names its subject, not the claim.
  const named = book
    .ofFamily(unit.family, unit.year)
    .filter((u) => u.field === 'title' || u.field === 'subject')
    .map((u) => u.value.replace(/\s+/g, '').toLowerCase())
    .join(' ');
  const claim = shape.subject
    .toLowerCase()
    .split(/\s+/u)
    .filter((word) => word.length > 1 && !QUALIFIERS.has(word) && !named.includes(word))
    .filter((word) => without(book.withoutPlace(word), GENERIC) !== '');
  return claim.length === 0 ? undefined : claim.every((word) => value.includes(word));
}

/** A measure or a clause named by its number ("มาตรการที่ 1", "ข้อ 2.1", "measure 3"). */
const NUMBERED = /(?:มาตรการ|กิจกรรม|ข้อ|measure)\s*(?:ที่|ลำดับที่|no\.?)?\s*\d+(?:\.\d+)?/giu;
/** A large amount claimed without a number ("เยอะ", "มาก", "แพง"). */
const A_LOT = /เยอะ|มาก|แพง|สูง|a lot|much|expensive/iu;
const AMOUNT = /\d[\d,]*(?:\.\d+)?/gu;
const amounts = (text: string): number[] => (text.match(AMOUNT) ?? []).map((a) => Number(a.replace(/,/g, '')));

/**
 * "ใช้งบ 50,000 บาทใช่ไหม": the amount claimed against the budget the measure states; a
 * measure that uses no budget ("ไม่ใช้งบประมาณ") makes any amount above nothing wrong.
 */
function budgetVerdict(value: string, rest: string): boolean | undefined {
  // "มาตรการที่ 1 ใช้งบ 5,000 บาท": the number naming the measure or clause is no amount.
  const claimed = amounts(toArabicDigits(rest).replace(NUMBERED, ' '))[0];
  const none = /ไม่(ได้)?ใช้งบ/u.test(value);
  // "ใช้งบเยอะใช่ไหม" of a measure that uses none: a lot is not nothing.
  if (claimed === undefined) return none && A_LOT.test(rest) ? false : undefined;
  if (none) return claimed === 0;
  const stated = amounts(toArabicDigits(value));
  return stated.length === 0 ? undefined : stated.includes(claimed);
}

/** Fewest letters a part of the question needs before it is searched on its own. */
const MIN_PART = 4;

/**
 * "มาตรการตรวจสอบดุลพินิจ กองคลังรับผิดชอบฝ่ายเดียวแม่นบ่": the claim's words are in no
 * document, so the whole question finds nothing; the part that names the item does. Each
 * space-separated part of a yes/no naming a field is searched alone (a few searches, once).
 */
export function claimedItem(book: FactBook, shape: QuestionShape, year: number): string | null {
  if (shape.kind !== 'yesno' || shape.fields.length === 0) return null;
  const parts = shape.time.rest.split(/\s+/u).filter((part) => part.length >= MIN_PART);
  if (parts.length < 2) return null;
  for (const part of parts) {
    const found = book.search(part).find(({ unit, hit }) => unit.year === year && hit.coverage >= MIN_COVERAGE);
    if (found) return found.unit.family;
  }
  return null;
}
