import { toArabicDigits } from '../../thai/digits.js';

/**
 * Question words as residents misspell them, and numbers a yes/no question compares a fact
 * with. Asking words are short, so the phrase matcher forgives them no typo (see
 * allowedTypos); the common misspellings are written out here instead, each to its word.
 */
const TYPOS: readonly [RegExp, string][] = [
  [/อะรัย|อะไล|อะไน|อาไร|อารัย|อัลไล|อะไย|อะหรัย/gu, 'อะไร'],
  [/ไคร(?!้)|ใคล|ไคล/gu, 'ใคร'],
  [/เท่าไร่|เท่าไหล่|เท่าไหล(?!่)|เท่าหร่าย|เท่าหรั่ย|เท่าใหร่|เท่าไร๋/gu, 'เท่าไหร่'],
  [/เมื่อไหล่|เมื่อไหล(?!่)|เมื่อไร่|เมื่อหร่าย|เมื่อใหร่/gu, 'เมื่อไหร่'],
  [/ยังใง|ยังไน|ยังงาย/gu, 'ยังไง'],
  [/ที่ใหน|ที่หนาย|ที่ไหล(?!่)/gu, 'ที่ไหน'],
  [/มัย(?=\s*[?？]?\s*$)/gu, 'ไหม'],
  // Isan "how many" written with the tone it is spoken with ("มีจั๊กอัน", "จั่กข้อ").
  [/จั[๊่้]ก/gu, 'จัก'],
  // Isan "how" with the tones people type ("เป็นจั๊งใด๋", "จังใด"), and ใด with a stray tone.
  [/จั[๊้]?ง\s*ใด[๋๊]?/gu, 'จั่งใด'],
  [/ใด[๋๊]/gu, 'ใด'],
  // Particles ending a question can stick to its last word in segmentation ("กี่อันนะ" read as "อันะ").
  [/(?:\s*(?:(?<!ช)นะ|น้า|จ้า|จ๊ะ|จ้ะ|คะ|ค่ะ|ครับ|เด้อ|เด้|เนาะ|เน้อ))+(?=\s*[?？!]*\s*$)/gu, ''],
  // A dotted abbreviation ends at its last dot ("พ.ศ.อะไร" is "พ.ศ. อะไร"), so the word after it stays whole.
  [/(?<![\u0E00-\u0E7F])((?:[ก-ฮ]\.){2,})(?=[ก-๙])(?![ก-ฮ]\.)/gu, '$1 '],
  // Official short forms written out: ลว. (ลงวันที่), จ. (จังหวัด), อ. (อำเภอ), as the documents spell them.
  [/(?<![\u0E00-\u0E7F.])ลว\.\s*/gu, 'ลงวันที่ '],
  [/(?<![\u0E00-\u0E7F.])จ\.(?![ก-ฮ]\.)\s*/gu, 'จังหวัด'],
  [/(?<![\u0E00-\u0E7F.])อ\.(?![ก-ฮ]\.)\s*/gu, 'อำเภอ'],
  // ITA written in Thai letters is ITA for every phrase ("ไอทีเอ คืออะไร" is "ita คือ"), not only for search.
  [/ไอ\s*ที\s*เอ(?![\u0E31\u0E34-\u0E3A\u0E47-\u0E4E])/gu, ' ITA '],
];

/** "ทุกกี่เดือน", "บ่อยแค่ไหน", "how often": how often something is done. */
export const HOW_OFTEN = /บ่อย|ถี่|ทุกกี่|กี่เดือนครั้ง|กี่ครั้ง|how often/iu;
/** Wording stating how often ("ทุก ๆ เดือน", "รายไตรมาส", "ประจำเดือน"). */
export const HOW_OFTEN_STATED = /ทุก\s*ๆ?\s*(?:วัน|สัปดาห์|เดือน|ไตรมาส|ปี)|(?:ประจำ|ราย)(?:วัน|สัปดาห์|เดือน|ไตรมาส|ปี)|อยู่เสมอ/u;

/** "ทำไมต้องออกประกาศ", "เพื่ออะไร", "why": the question asks what something is for ("ควรทำไม่ควรทำ" is no "ทำไม"). */
export const PURPOSE = /ทำไม(?![\u0E48-\u0E4B])|เพื่ออะไร|เพราะอะไร|เหตุใด|เหตุผล|ไว้ทำอะไร|why|what for|purpose|reason/iu;

/** The question with misspelled question words written as the bot knows them (the same string when none). */
export function fixQuestionTypos(text: string): string {
  let out = text;
  for (const [typo, word] of TYPOS) if (typo.test(out)) out = out.replace(typo, word);
  return out;
}

/** "เกิน 90", "ต่ำกว่า 80", "ได้ 100": a fact's number compared with another; `above` true for more than, null for exactly. */
export interface Threshold {
  above: boolean | null;
  /** Counts as reached when equal ("ถึง 90", "at least 90"). */
  inclusive: boolean;
  value: number;
}

const ABOVE = /(?:มากกว่า|เกินกว่า|เกิน|สูงกว่า|ทะลุ|more than|over|above|higher than|greater than)\s*(\d+(?:\.\d+)?)/iu;
const AT_LEAST = /(?<!ไม่)(?:ถึง|อย่างน้อย|ไม่ต่ำกว่า|at least)\s*(\d+(?:\.\d+)?)/iu;
/** "ได้ 100 คะแนนไหม": exactly that number (yes/no questions only, see readThreshold's caller). */
const EQUAL = /(?:ได้|เท่ากับ|exactly)\s*(\d+(?:\.\d+)?)(?!\s*(?:ปี|เดือน|วัน|ข้อ|\.\d))/iu;
/** "ได้คะแนน ita 95 ใช่ไหม": a score of at most three digits right after the score word (not a year). */
const SCORE_EQUAL = /(?:คะแนน|score)\s*(?:ita\s*)?(\d{1,3}(?:\.\d+)?)(?![\d.])/iu;
/** "ได้ ita 95 คะแนนใช่มั้ย": a score of at most three digits before the score word, in a yes/no ("93.05 คะแนนคืออะไร" asks). */
const EQUAL_SCORE =
  /(?<![\d.,])(\d{1,3}(?:\.\d+)?)\s*(?:คะแนน|แต้ม|points?|pts)(?=.*(?:ใช่|ไหม|มั้ย|มั๊ย|บ่|แม่น|จริง|เปล่า|ป่าว|ปะ|ป่ะ))/iu;
const BELOW = /(?:(?<!ไม่)ต่ำกว่า|(?<!ไม่)น้อยกว่า|ไม่ถึง|ไม่เกิน|less than|below|under|lower than)\s*(\d+(?:\.\d+)?)/iu;

/** The number a question compares with, and the question without it (so it is not searched for). */
export function readThreshold(text: string): { threshold: Threshold | null; rest: string } {
  const arabic = toArabicDigits(text);
  for (const [pattern, above, inclusive] of [
    [BELOW, false, false],
    [ABOVE, true, false],
    [AT_LEAST, true, true],
    [EQUAL, null, true],
    [SCORE_EQUAL, null, true],
    [EQUAL_SCORE, null, true],
  ] as const) {
    const found = pattern.exec(arabic);
    if (found?.[1]) {
      const rest = (arabic.slice(0, found.index) + ' ' + arabic.slice(found.index + found[0].length))
        .replace(/\s+/g, ' ')
        .trim();
      return { threshold: { above, inclusive, value: Number(found[1]) }, rest };
    }
  }
  return { threshold: null, rest: text };
}

/** Whether a fact's amount passes the question's threshold. */
export function meets(amount: number, t: Threshold): boolean {
  if (amount === t.value) return t.inclusive;
  // "ได้ 93 คะแนนใช่ไหม" of 93.05: a whole number asked is the amount's whole part.
  if (t.above === null && Number.isInteger(t.value)) return Math.trunc(amount) === t.value;
  return t.above === null ? false : t.above ? amount > t.value : amount < t.value;
}

/** The first amount written in a value ("93.05 คะแนน", "๕,๐๐๐ บาท"); undefined when it states none. */
export function amountIn(value: string): number | undefined {
  const found = /\d[\d,]*(?:\.\d+)?/u.exec(toArabicDigits(value));
  return found ? Number(found[0].replace(/,/g, '')) : undefined;
}

/** Words that tie a doer to an act ("ความเห็นชอบของใคร", "รายงานต่อใคร"): the clause's noun after the same word answers. */
export const AGENT_LINKS = ['ของ', 'ต่อ', 'โดย', 'จาก', 'แก่', 'กับ'] as const;
export type AgentLink = (typeof AGENT_LINKS)[number];
const WHO = '(?:ใคร|ผู้ใด|คนไหน|หน่วยงานไหน|หน่วยงานใด|whom)';
const ASKED_LINK = new RegExp(`(${AGENT_LINKS.join('|')})\\s*${WHO}`, 'u');
/** "แจ้งใคร", "รายงานใคร", "ส่งให้ใคร": a verb of telling before "who" asks for its recipient, as "ต่อใคร" does. */
const TOLD_WHOM = new RegExp(`(?:แจ้ง|รายงาน|ร้องเรียน|เสนอ|บอก|ส่ง)(?:ให้|ไป(?:ยัง|ที่)?)?\\s*${WHO}`, 'u');

/** The word a "who" question ties its doer with, if any. */
export function askedLink(text: string): AgentLink | null {
  return (ASKED_LINK.exec(text)?.[1] as AgentLink | undefined) ?? (TOLD_WHOM.test(text) ? 'ต่อ' : null);
}
