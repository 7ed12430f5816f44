import { toArabicDigits } from '../../thai/digits.js';

/**
 * Orders as residents write them: "มาตรการที่สาม", "ข้อแรก", "อันที่ ๓", "the third measure",
 * "measure 2". Written numbers become digits, so the search, the clause numbers and the
 * measure order all read one form; the measure a question names by its order is read here.
 */

const THAI_NUMBERS: Readonly<Record<string, string>> = {
  หนึ่ง: '1',
  แรก: '1',
  สอง: '2',
  สาม: '3',
  สี่: '4',
  ห้า: '5',
  หก: '6',
  เจ็ด: '7',
  แปด: '8',
  เก้า: '9',
  สิบ: '10',
};
const ENGLISH_NUMBERS: Readonly<Record<string, string>> = {
  first: '1',
  second: '2',
  third: '3',
  fourth: '4',
  fifth: '5',
  sixth: '6',
};

/**
 * A number word after an ordinal marker ("ที่สาม", "ข้อแรก", "มาตรการแรก"), unless it begins a
 * longer word: ที่สามารถ, ข้อห้าม, เก้าอี้, สี่แยก.
 */
const THAI_ORDINAL =
  /(ที่|ข้อ|มาตรการ|กิจกรรม|อัน)\s*(หนึ่ง|แรก|สอง|สาม(?!ารถ|ัญ)|สี่(?!แยก|เหลี่ยม)|ห้า(?!ม)|หก(?!ล้ม)|เจ็ด|แปด|เก้า(?!อี้)|สิบ)/gu;
/** "the third measure", "2nd clause": the number put after the noun ("measure 3"), as "มาตรการที่ 3". */
const ENGLISH_ORDINAL =
  /\b(first|second|third|fourth|fifth|sixth|(\d+)(?:st|nd|rd|th))\s+(measure|clause|item|section|activity)\b/giu;

/** The text with ordinal number words written as digits (the same string when it has none). */
export function writeOrdinals(text: string): string {
  return text
    .replace(THAI_ORDINAL, (_, marker: string, word: string) => {
      // "มาตรการแรก" is "มาตรการที่ 1"; "ข้อแรก" stays "ข้อ 1" for the clause numbers.
      const link = marker === 'มาตรการ' || marker === 'กิจกรรม' ? `${marker}ที่` : marker;
      return `${link} ${THAI_NUMBERS[word] ?? word} `;
    })
    .replace(
      ENGLISH_ORDINAL,
      (_, word: string, digits: string | undefined, noun: string) =>
        `${noun} ${digits ?? ENGLISH_NUMBERS[word.toLowerCase()] ?? word}`,
    );
}

/** "มาตรการที่ 3", "มาตรการข้อ 2", "มาตรการอันที่ 3", "measure 2", "measure no. 2" (after writeOrdinals). */
const MEASURE_NUMBER =
  /(?:มาตรการ|กิจกรรม)\s*(?:ที่|ข้อ(?:ที่)?|อันที่|ลำดับที่)?\s*(\d{1,2})(?![\d.])|\bmeasure\s*(?:no\s*\.?|number|#)?\s*(\d{1,2})\b/iu;
const LAST_MEASURE = /(?:มาตรการ|กิจกรรม)\s*(?:ที่|อัน)?\s*สุดท้าย|\blast\s+measure\b/iu;

/** The order of the measure a question names ("last" for the last one), or null when it names none by order. */
export function measureOrderIn(text: string): number | 'last' | null {
  const found = MEASURE_NUMBER.exec(toArabicDigits(text));
  const digits = found?.[1] ?? found?.[2];
  if (digits) return Number(digits);
  return LAST_MEASURE.test(text) ? 'last' : null;
}
