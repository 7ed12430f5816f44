import { BE_OFFSET, bangkokParts, formatDateThai } from '../thai/date.js';

const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A quarter of the Thai government's fiscal year (1 October – 30 September), in Bangkok time. */
export interface FiscalQuarter {
  /** Buddhist-era fiscal year: FY 2569 runs from 1 Oct 2025 to 30 Sep 2026. */
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  /** Midnight in Bangkok on the first day; `to` is the first moment after the quarter. */
  from: Date;
  to: Date;
}

/** Midnight in Bangkok at the start of a calendar day (month 0-11; overflow rolls over). */
const bangkokMidnight = (year: number, month: number, day = 1) => new Date(Date.UTC(year, month, day) - BANGKOK_OFFSET_MS);

/** Q1 = October–December of the year before the fiscal year (in CE), Q2 = January–March ... */
export function fiscalQuarter(fiscalYear: number, quarter: 1 | 2 | 3 | 4): FiscalQuarter {
  const ceYear = fiscalYear - BE_OFFSET;
  const firstMonth = 9 + (quarter - 1) * 3; // October of the year before, counted on from there
  return { fiscalYear, quarter, from: bangkokMidnight(ceYear - 1, firstMonth), to: bangkokMidnight(ceYear - 1, firstMonth + 3) };
}

/** The fiscal quarter an instant falls in (Bangkok calendar). */
export function fiscalQuarterOf(at: Date): FiscalQuarter {
  const { year, month } = bangkokParts(at);
  const fiscalYear = (month >= 10 ? year + 1 : year) + BE_OFFSET;
  const quarter = (Math.floor(((month + 2) % 12) / 3) + 1) as 1 | 2 | 3 | 4;
  return fiscalQuarter(fiscalYear, quarter);
}

/** "ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569". */
export const quarterTitle = (q: FiscalQuarter) => `ไตรมาสที่ ${q.quarter} ปีงบประมาณ พ.ศ. ${q.fiscalYear}`;

/** "1 ต.ค. 2568 – 31 ธ.ค. 2568" (the last day included). */
export const rangeText = (from: Date, to: Date) => `${formatDateThai(from, 'short')} – ${formatDateThai(new Date(to.getTime() - 1), 'short')}`;

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
  const p = bangkokParts(from);
  const weekday = (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7; // Monday = 0
  let monday = bangkokMidnight(p.year, p.month - 1, p.day - weekday);
  while (monday < to) {
    const next = new Date(monday.getTime() + 7 * DAY_MS);
    weeks.push({ from: monday < from ? from : monday, to: next > to ? to : next });
    monday = next;
  }
  return weeks;
}
