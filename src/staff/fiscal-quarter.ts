import { addBangkokMonths, addBangkokWeeks, bangkokParts, startOfBangkokWeek } from '../thai/bangkok-time.js';
import { formatDateThai } from '../thai/date.js';
import { fiscalYearOf, fiscalYearStart } from '../thai/fiscal-year.js';

/** A quarter of the Thai government's fiscal year (1 October – 30 September), in Bangkok time. */
export interface FiscalQuarter {
  /** Buddhist-era fiscal year: FY 2569 runs from 1 Oct 2025 to 30 Sep 2026. */
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  /** Midnight in Bangkok on the first day; `to` is the first moment after the quarter. */
  from: Date;
  to: Date;
}

/** Q1 = October–December of the year before the fiscal year (in CE), Q2 = January–March ... */
export function fiscalQuarter(fiscalYear: number, quarter: 1 | 2 | 3 | 4): FiscalQuarter {
  const from = addBangkokMonths(fiscalYearStart(fiscalYear), (quarter - 1) * 3);
  return { fiscalYear, quarter, from, to: addBangkokMonths(from, 3) };
}

/** The fiscal quarter an instant falls in (Bangkok calendar). */
export function fiscalQuarterOf(at: Date): FiscalQuarter {
  const { month } = bangkokParts(at);
  const quarter = (Math.floor(((month + 2) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
  return fiscalQuarter(fiscalYearOf(at), quarter);
}

/** "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569". */
export const quarterTitle = (q: FiscalQuarter) => `ไตรมาสที่ ${q.quarter} ปีงบประมาณ พ.ศ. ${q.fiscalYear}`;

/** "1 ต.ค. 2568 – 31 ธ.ค. 2568" (the last day included). */
export const rangeText = (from: Date, to: Date) =>
  `${formatDateThai(from, 'short')} – ${formatDateThai(new Date(to.getTime() - 1), 'short')}`;

/** The quarter before or after. */
export function shiftQuarter(q: FiscalQuarter, by: -1 | 1): FiscalQuarter {
  const index = q.fiscalYear * 4 + (q.quarter - 1) + by;
  return fiscalQuarter(Math.floor(index / 4), ((index % 4) + 1) as 1 | 2 | 3 | 4);
}

/**
 * Weeks from Monday to Sunday (Bangkok) covering [from, to); the first and last are cut at
 * the range's ends, so the weeks add up to the whole range.
 */
export function weeksOf(from: Date, to: Date): Array<{ from: Date; to: Date }> {
  const weeks: Array<{ from: Date; to: Date }> = [];
  let monday = startOfBangkokWeek(from);
  while (monday < to) {
    const next = addBangkokWeeks(monday, 1);
    weeks.push({ from: monday < from ? from : monday, to: next > to ? to : next });
    monday = next;
  }
  return weeks;
}
