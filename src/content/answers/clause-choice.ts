import { toArabicDigits } from '../../thai/digits.js';
import type { FactBook } from './fact-book.js';
import { best } from './fact-ranking.js';
import type { FactUnit } from './fact-units.js';

/** "ข้อ 2.2", "ข้อ ๔", "ข้อหก" (number words are digits by now: see ordinals.ts; not "มาตรการข้อ 3", which numbers a measure). */
const CLAUSE_NUMBER = /(?<!มาตรการ\s*)ข้อ(?:ที่)?\s*(\d+(?:\.\d+)?)/u;

/** The clause a question names by its number, the subject's first when several sections have one. */
export function clauseNumbered(
  book: FactBook,
  text: string,
  said: string,
  year: number,
  subjects: readonly string[],
): FactUnit | null {
  const number = CLAUSE_NUMBER.exec(toArabicDigits(text))?.[1];
  if (!number) return null;
  const units = book.clausesNumbered(number, year);
  // "ทำไมต้องจัดทำคู่มือ…ตามข้อ ๓": the clause of that number whose words the question holds, before the item found.
  const own = units.length > 1 ? best(book, text.replace(CLAUSE_NUMBER, ' '), (u) => units.includes(u)) : null;
  return (
    namedSection(units, said) ??
    own ??
    units.find((u) => subjects.includes(u.family)) ??
    best(book, text, (u) => units.includes(u)) ??
    units[0] ??
    null
  );
}

/** The clause whose section title the question names most words of ("ข้อ 3 ในมาตรการตรวจสอบการใช้ดุลพินิจ"). */
function namedSection(units: readonly FactUnit[], said: string): FactUnit | null {
  let top: FactUnit | null = null;
  let most = 0;
  for (const unit of units) {
    const count = unit.sectionWords?.filter((w) => said.includes(w)).length ?? 0;
    if (count > most) [top, most] = [unit, count];
  }
  return top;
}
