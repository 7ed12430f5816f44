import { toArabicDigits } from '../../thai/digits.js';
import { BE_OFFSET } from '../../thai/date.js';

/**
 * The time a question is about: a fiscal year named (2567, พ.ศ. ๒๕๖๗, ปี 67, ค.ศ. 2024),
 * one named relative to the newest report (ปีนี้, ปีที่แล้ว), the newest (ล่าสุด), the year of
 * the previous answer (ปีนั้น), or a comparison of years. These words choose documents; they
 * are not what the question is about, so they are taken out before the content is searched.
 */
export interface QuestionTime {
  /** Buddhist-era years named, in the order written. */
  years: number[];
  /** Years back from the newest document: 0 this year, 1 last year. */
  back: number | null;
  latest: boolean;
  /** "ปีนั้น": the year of the previous answer. */
  thatYear: boolean;
  compare: boolean;
  /** The question without its time words, for the content search. */
  rest: string;
}

const LATEST = /(?:ฉบับ|อัน|ตัว)?(?:ล่าสุด|ใหม่ที่สุด|ใหม่สุด|ใหม่)|ปัจจุบัน|newest|latest|most recent|current/giu;
const THIS_YEAR = /ปีนี้|this year/giu;
const LAST_YEAR = /ปีก่อนหน้า(?:นี้)?|ปีที่แล้ว|ปีที่ผ่านมา|ปีก่อน|ปีกลาย|ปีเก่า|last year|previous year/giu;
const THAT_YEAR = /ปีนั้น|ปีดังกล่าว|ปีเดียวกัน|that year|same year/giu;
const COMPARE =
  /(?:เปรียบ)?เทียบ(?:กัน)?|ต่างกัน|(?:มาก|ดี|สูง|น้อย|ต่ำ)กว่ากัน|ปีไหน(?:ได้)?(?:มาก|ดี|สูง|น้อย|ต่ำ)กว่า|แตกต่าง|เพิ่มขึ้น|ลดลง|ดีขึ้น|แย่ลง|ทั้งสองปี|สองปี|2 ปี|แต่ละปี|ทุกปี|ย้อนหลัง|compare|comparison|versus|\bvs\b|both years|each year|\b(?:go|goes|went|gone)\s+(?:up|down)\b|\b(?:increase|decrease|improve|drop)(?:d|s)?\b/giu;
/** A year: 25xx (B.E.), 20xx (C.E.), or two digits after ปี/ปีงบ/พ.ศ. ("ปี 67", "ปีงบ๖๘"). */
const YEAR =
  /((?:(?:ประจำ)?ปี(?:งบ(?:ประมาณ)?)?|fy|fiscal year|year)\s*)?(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)?\s*(?<![\d.])(25\d\d|20\d\d|\d\d)(?![\d.])/giu;
/**
 * Two digits after "กับ", "และ", "ถึง", "-" once a year was named: another year. The link word
 * starts a word: in "ได้ถึง 90" the 90 is a score compared with, not the year 2590.
 */
const NEXT_YEAR = /(?<=^|\s)(?:กับ|และ|ถึง|หรือ|vs\.?|-)\s*(?<![\d.])(\d\d)(?![\d.])/gu;
/** "ปีงบประมาณ" with no number is still a time word, not a question about a budget. */
const YEAR_WORD = /(?:ประจำ)?ปีงบ(?:ประมาณ)?(?!ประมาณ)(?!\s*(?:ไหน|ใด|อะไร))|fiscal year(?!\s*(?:is|was))/giu;

/** A law named ("พ.ร.บ. … พ.ศ. 2540"): a year written after พ.ศ. alone is the law's, not a fiscal year. */
const LAW = /พ\.?\s?ร\.?\s?บ|พระราชบัญญัติ|พระราชกฤษฎีกา|\b(?:act|law)\b/iu;

export function readTime(text: string): QuestionTime {
  const arabic = toArabicDigits(text);
  const years: number[] = [];
  const law = LAW.test(arabic);
  let rest = arabic.replace(YEAR, (whole, word: string | undefined, era: string | undefined, digits: string) => {
    const year = yearOf(word, era, digits);
    if (year === null || (law && word === undefined && era !== undefined)) return whole;
    if (!years.includes(year)) years.push(year);
    return ' ';
  });
  const found = (pattern: RegExp): boolean => {
    let hit = false;
    rest = rest.replace(pattern, () => ((hit = true), ' '));
    return hit;
  };
  const latest = found(LATEST);
  const thisYear = found(THIS_YEAR);
  const lastYear = found(LAST_YEAR);
  const thatYear = found(THAT_YEAR);
  // "ปี 67 กับ 68": a second year written bare after the first.
  if (years.length > 0) {
    rest = rest.replace(NEXT_YEAR, (whole, digits: string) => {
      const year = 2500 + Number(digits);
      if (!years.includes(year)) years.push(year);
      return ' ';
    });
  }
  const named = years.length + (latest ? 1 : 0) + (thisYear ? 1 : 0) + (lastYear ? 1 : 0);
  const compare = found(COMPARE) || named > 1;
  rest = rest.replace(YEAR_WORD, ' ');
  const changed = years.length > 0 || latest || thisYear || lastYear || thatYear || compare || rest !== arabic;
  // Unchanged, the question itself is handed on, so its segmentation (memoised by text) is reused.
  return {
    years,
    back: lastYear ? 1 : thisYear ? 0 : null,
    latest,
    thatYear,
    compare,
    rest: changed ? rest.replace(/\s+/g, ' ').trim() : text,
  };
}

/** The Buddhist-era year a written year stands for; null when the digits are not a year. */
function yearOf(word: string | undefined, era: string | undefined, digits: string): number | null {
  const n = Number(digits);
  const ce = era !== undefined && /^ค/u.test(era);
  if (digits.length === 4) {
    if (n >= 2400 && n < 2700) return n;
    if (n >= 1950 && n < 2150) return n + BE_OFFSET;
    return null;
  }
  // Two digits count as a year only after a year word ("ปี 67"), never alone ("93 คะแนน").
  if (word === undefined && era === undefined) return null;
  return ce ? 2000 + n + BE_OFFSET : 2500 + n;
}
