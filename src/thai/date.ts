import { bangkokParts } from './bangkok-time.js';
import { toArabicDigits } from './digits.js';

/** Buddhist era = Common Era + 543. */
export const BE_OFFSET = 543;

export const THAI_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
] as const;
export const THAI_MONTHS_SHORT = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
] as const;

/** Month number (1-12) of a Thai month name, full or abbreviated; null when unknown. */
export function thaiMonthNumber(name: string): number | null {
  const clean = name.trim();
  const full = THAI_MONTHS.indexOf(clean as (typeof THAI_MONTHS)[number]);
  if (full >= 0) return full + 1;
  const short = THAI_MONTHS_SHORT.indexOf(clean as (typeof THAI_MONTHS_SHORT)[number]);
  return short >= 0 ? short + 1 : null;
}

/** "2025-01-10" → "10 มกราคม พ.ศ. 2568" (a calendar date; no time zone involved). */
export function formatIsoDateThai(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) throw new Error(`not an ISO date: ${isoDate}`);
  return `${d} ${THAI_MONTHS[m - 1]} พ.ศ. ${y + BE_OFFSET}`;
}

/** An instant as a Bangkok date in the Buddhist era: "26 พ.ย. 2569" (short) or "26 พฤศจิกายน พ.ศ. 2569". */
export function formatDateThai(at: Date, style: 'short' | 'long' = 'long'): string {
  const p = bangkokParts(at);
  return style === 'short'
    ? `${p.day} ${THAI_MONTHS_SHORT[p.month - 1]} ${p.year + BE_OFFSET}`
    : `${p.day} ${THAI_MONTHS[p.month - 1]} พ.ศ. ${p.year + BE_OFFSET}`;
}

/** An instant as Bangkok date and time: "26 พ.ย. 2569 14:05 น.". */
export function formatDateTimeThai(at: Date): string {
  const p = bangkokParts(at);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return `${formatDateThai(at, 'short')} ${hh}:${mm} น.`;
}

/**
 * Parses a Thai date line such as "๑๐ เดือน มกราคม พ.ศ. ๒๕๖๘" or "10 ม.ค. 2568" into an ISO
 * calendar date. Returns an error string naming what is wrong instead of throwing.
 */
export function parseThaiDate(text: string): { date: string } | { error: string } {
  const clean = toArabicDigits(text).replace(/\s+/g, ' ').trim();
  const m = /(\d{1,2})\s*(?:เดือน\s*)?([ก-๛.]+)\s*(?:พ\.ศ\.|พ\.ศ)?\s*(\d{4})/.exec(clean);
  if (!m) return { error: `not a Thai date: "${text.trim()}"` };
  const [, dayText, monthName, yearText] = m as unknown as [string, string, string, string];
  const month = thaiMonthNumber(monthName);
  if (!month) return { error: `unknown Thai month "${monthName}"` };
  const day = Number(dayText);
  const beYear = Number(yearText);
  const year = beYear > 2400 ? beYear - BE_OFFSET : beYear;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { error: `no such date: day ${day} of ${monthName} ${beYear}` };
  }
  return { date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
