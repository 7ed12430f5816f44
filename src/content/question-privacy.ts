import { readUtterance } from './matching/phrase-match.js';
import { isTip } from './matching/tip-intent.js';

/**
 * Which question texts the question log may keep. The log exists to improve answers, so
 * losing a text costs little, while keeping a report costs a reporter their safety: when in
 * doubt, no text. A text is kept only when the message was answered as a question (intent
 * `search`) and nothing in it reads as a report.
 */

/** Longer than this, a message is a story, not a question. */
const MAX_KEPT_CHARS = 100;

/** Money asked, paid or taken. */
const MONEY =
  /\d[\d,.]*\s*(?:บาท|฿)|(?:สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน)\s*บาท|เงินพิเศษ|ขอเงิน|เรียกเงิน|จ่ายเงิน|ให้เงิน|รับเงิน|ค่าหัว|ค่าน้ำร้อน|ค่าดำเนินการ|ค่าอำนวยความสะดวก|ใต้โต๊ะ|bribe|money/i;
/** A named person ("นายก" the mayor is a post, not a name). */
const NAMED_PERSON = /(?:นาย(?!ก)|นางสาว|นาง|น\.ส\.|ด\.ต\.|ร\.ต\.)\s?[ก-๙]{2,}|\b(?:mr|mrs|ms)\.?\s+[a-z]/i;
/** Someone in office or under contract … */
const OFFICIAL =
  /เจ้าหน้าที่|จนท|พนักงาน|ข้าราชการ|ลูกจ้าง|นายก|ปลัด|ผอ\.?|หัวหน้า|ผู้อำนวยการ|สมาชิกสภา|ส\.ท\.|ผู้รับเหมา|กอง[ก-๙]+|official|officer|staff|mayor/i;
/** … doing something to someone. */
const ACT = /ขอ|เรียก|รับ|เอา|โกง|ยัก|เบียด|บังคับ|ขู่|ด่า|ทำร้าย|เอื้อ|ฮั้ว|ล็อก|ปลอม|เบิก|ใช้รถ|กลั่นแกล้ง|ไม่ยอม|asked|took|demand/i;
/** Phone numbers, ID card numbers and the like. */
const IDENTIFIER = /\d{6,}|\d{2,3}-\d{3,4}-\d{3,4}/;

/** True when a message shows what reports show (amounts of money, names, officials acting, id numbers), or is long. */
export function reportSignals(text: string): boolean {
  if (text.length > MAX_KEPT_CHARS) return true;
  if (MONEY.test(text) || NAMED_PERSON.test(text) || IDENTIFIER.test(text)) return true;
  return OFFICIAL.test(text) && ACT.test(text);
}

/** True when a message reads as a report of wrongdoing, with or without trigger words. */
export function readsAsReport(text: string): boolean {
  return reportSignals(text) || isTip(readUtterance(text));
}

/**
 * The text the log may keep for a message handled as `intent`, or undefined. Only `search`
 * keeps text, and the bot chose `search` because isTip said no (src/bot/understand.ts), so
 * only the other signals are checked here: segmenting the text again would cost ~0.1 ms a
 * question for an answer already known.
 */
export function keptText(intent: string, text: string | undefined): string | undefined {
  if (intent !== 'search' || text === undefined || text.trim() === '') return undefined;
  return reportSignals(text) ? undefined : text;
}
