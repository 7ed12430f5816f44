import { containsExactPhrase, containsPhrase, phrases, type Utterance } from './phrase-match.js';
import { KIND_PHRASES, type Field, type QuestionKind } from '../answers/question-kinds.js';
import { CAN_I } from './intent-phrases.js';

/**
 * Whether a message reports wrongdoing (start the confidential tip flow) or asks about the
 * municipality's anti-corruption policy (search). Both mention "ทุจริต"; what differs is the
 * phrasing: reporting verbs and first-person or witnessed accounts report, while policy words
 * and question frames with nobody involved ask.
 */

/** Verbs of reporting: these alone start the tip flow. */
const REPORTING = phrases([
  'แจ้งเบาะแส',
  'เบาะแส',
  'ร้องเรียน',
  'แจ้งทุจริต',
  'แจ้งการทุจริต',
  'รายงานการทุจริต',
  'แฉ',
  'ฟ้องร้อง',
  'report',
  'whistleblow',
  'complain',
  'complaint',
  'tip off',
]);

/** Wrongdoing itself. */
const MISCONDUCT = phrases([
  'ทุจริต',
  'โกง',
  'คอรัปชั่น',
  'คอร์รัปชัน',
  'คอรัปชัน',
  'คอร์รัปชั่น',
  'สินบน',
  'เรียกรับ',
  'เรียกเงิน',
  'ใต้โต๊ะ',
  'ค่าน้ำร้อนน้ำชา',
  'ค่าดำเนินการพิเศษ',
  'ยักยอก',
  'ฮั้ว',
  'เงินทอน',
  'เอื้อประโยชน์',
  'ฉ้อโกง',
  // Money taken with no receipt, or more than the fee: an account even without the word "โกง".
  'ไม่ออกใบเสร็จ',
  'บ่ออกใบเสร็จ',
  'ไม่ให้ใบเสร็จ',
  'บ่ให้ใบเสร็จ',
  'เก็บเงินเกิน',
  'เรียกเก็บเกิน',
  'corruption',
  'corrupt',
  'bribe',
  'bribery',
  'fraud',
  'kickback',
]);

/** Someone saw or suffered it: the message is an account, not a question. */
const PRONOUNS = new Set(['ผม', 'ฉัน', 'ดิฉัน', 'หนู', 'เรา', 'กู', 'ข้าพเจ้า', 'i', 'me', 'my', 'we']);
const WITNESS = new Set(['โดน', 'ถูก', 'เจอ', 'เห็น', 'พบ', 'พบเห็น', 'เจอมา', 'saw']);
/** Words before a witness word that make it feared or supposed ("กลัวโดน", "ถ้าถูก"), not witnessed. */
/** Places before "เรา" that make it "our" ("เทศบาลเรา", "บ้านเรา"), not the teller. */
const OUR_PLACE = new Set(['เทศบาล', 'บ้าน', 'หมู่บ้าน', 'ตำบล', 'ชุมชน', 'จังหวัด', 'อำเภอ', 'town']);
/** Words after a witness word that make it something seen in the news ("เห็นข่าว", "ดูทีวี"). */
const IN_THE_NEWS = new Set(['ข่าว', 'ในข่าว', 'ทีวี', 'ในทีวี', 'โทรทัศน์', 'เฟซบุ๊ก', 'เฟส', 'facebook', 'news']);
/** "ผมเห็นว่า…แปลกๆ": เห็น before ว่า is what the teller thinks, not something seen. */
const OPINION = new Set(['ว่า']);
const NOT_YET = new Set(['กลัว', 'เกรง', 'กลัวว่า', 'เกรงว่า', 'ถ้า', 'หาก', 'อาจ', 'อาจจะ', 'afraid']);
const ACCOUNT = phrases(['มีเจ้าหน้าที่', 'มีคน', 'มีพนักงาน', 'เจ้าหน้าที่เรียก', 'พนักงานเรียก']);
/** Staff named as the doer ("จนท.กองช่างเรียกเงิน…"): with a concrete demand for money, an account. */
const STAFF = phrases(['เจ้าหน้าที่', 'จนท', 'พนักงาน', 'ข้าราชการ', 'ลูกจ้าง', 'กองช่าง', 'กองคลัง', 'staff', 'officer']);
const MONEY_DEMANDED = phrases([
  'เรียกเงิน',
  'เรียกรับเงิน',
  'ขอเงิน',
  'เงินใต้โต๊ะ',
  'ค่าน้ำร้อนน้ำชา',
  'ค่าเซ็น',
  'asked me for money',
]);

/** The municipality's policy, and question frames about what something is. */
const POLICY = phrases([
  'มาตรการ',
  'นโยบาย',
  'ป้องกัน',
  'แนวทาง',
  'ประกาศ',
  'ita',
  'คะแนน',
  'ต่อต้าน',
  'ยุทธศาสตร์',
  'แผน',
  'measure',
  'policy',
  'prevent',
]);
const QUESTION = phrases(['คืออะไร', 'หมายถึง', 'อย่างไร', 'ยังไง', 'what is', 'what are', 'how', 'meaning']);

/** Asking where, how or by what number to report: information, not a report ("ร้องเรียนนายกได้ที่ไหน"). */
const WHERE_HOW = new Set<QuestionKind>(['where', 'how', 'who']);
const CHANNEL = phrases([
  'ช่องทาง',
  'เบอร์',
  'เบอร์โทร',
  'โทร',
  'สายด่วน',
  'ติดต่อ',
  'หน่วยงานไหน',
  'channel',
  'hotline',
  'phone',
  'number',
]);
/** Words of reporting in the wide sense, for questions about it ("ถนนชำรุดแจ้งที่ไหน"). */
const REPORT_WORDS = phrases([
  'แจ้งเบาะแส',
  'เบาะแส',
  'ร้องเรียน',
  'แจ้งทุจริต',
  'report',
  'complain',
  'complaint',
  'whistleblow',
  'แจ้ง',
  'ร้องทุกข์',
  'ร้อง',
  'ฟ้อง',
  'แจ้งเรื่อง',
  'แจ้งปัญหา',
  // The segmenter glues "จะ" to the verb ("ไม่แน่ใจว่าจะแจ้งใครดี").
  'จะแจ้ง',
  'จะร้องเรียน',
]);
/** A wish to report now: these start the flow even inside a question. */
const WISH = phrases([
  'อยากแจ้ง',
  'อยากร้องเรียน',
  'ขอแจ้ง',
  'ขอร้องเรียน',
  'ต้องการแจ้ง',
  'ต้องการร้องเรียน',
  'จะแจ้งเบาะแส',
  'i want to report',
  'want to report',
]);
/** Asking where, whom or by what number: with these, even a wish to report asks for the channels first ("อยากร้องเรียนนายก ติดต่อที่ไหน"). */
const WHERE_TO_CONTACT = phrases([
  'ที่ไหน',
  'ที่ใด',
  'ตรงไหน',
  'ติดต่อใคร',
  'ติดต่อไหน',
  'ติดต่อหน่วยงานไหน',
  'หน่วยงานไหน',
  'หน่วยงานใด',
  'เบอร์อะไร',
  'เบอร์ไหน',
  'เบอร์โทร',
  'โทรเบอร์',
  'สายด่วน',
  'ช่องทางไหน',
  'ช่องทางใด',
  'ช่องทางอะไร',
  'แจ้งใคร',
  'แจ้งไหน',
  'ร้องเรียนใคร',
  'ไสนอ',
  'บ่อนใด',
  'where',
  'which channel',
  'what number',
  'who should',
]);

/** "the ITA report", "รายงานผลการประเมิน": the report as a document, not reporting something. */
const THE_REPORT = phrases(['ita report', 'the report', 'annual report', 'report of', 'รายงานผล', 'รายงานการประเมิน']);

/** Kinds that ask about a report (when, how often, how much), never to make one. */
const ABOUT_A_REPORT = new Set<QuestionKind>(['when', 'howmuch', 'count']);

function kindOf(said: Utterance): QuestionKind | null {
  return KIND_PHRASES.find(([, words]) => containsPhrase(said, words))?.[0] ?? null;
}

/**
 * True when the message asks where, how or to whom to report (a channel, a number), with no
 * account of wrongdoing and no wish to report now: answered with the channels, not the tip flow.
 */
export function isReportingQuestion(
  said: Utterance,
  kind: QuestionKind | null = kindOf(said),
  fields: readonly Field[] = [],
): boolean {
  // A wish is matched as written: "จะแจ้งเบาะแส" is two letters from "แจ้งเบาะแส".
  // "ที่ไหนก็ได้" (anywhere will do) is no question.
  const asksWhere = containsExactPhrase(said, WHERE_TO_CONTACT) && !said.compact.includes('ก็ได้');
  const canI = containsExactPhrase(said, CAN_I);
  const wish = containsExactPhrase(said, WISH) && !asksWhere && !canI;
  if (!containsPhrase(said, REPORT_WORDS) || wish || isWitnessed(said) || containsExactPhrase(said, THE_REPORT))
    return false;
  // "แจ้งแบบไม่บอกชื่อได้บ่": whether it can be done so (nobody's wrongdoing witnessed, see above).
  if (canI) return true;
  return (kind !== null && WHERE_HOW.has(kind)) || fields.includes('phone') || containsPhrase(said, CHANNEL);
}

/** Someone saw or suffered it. */
function isWitnessed(said: Utterance): boolean {
  // "กลัวโดนเล่นงาน": a feared or supposed outcome, not something that happened.
  // "เห็นข่าวเรื่องคอรัปชั่น": seen in the news, not witnessed here.
  const happened = (t: string, i: number): boolean =>
    WITNESS.has(t) &&
    !NOT_YET.has(said.tokens[i - 1] ?? '') &&
    !IN_THE_NEWS.has(said.tokens[i + 1] ?? '') &&
    !(t === 'เห็น' && OPINION.has(said.tokens[i + 1] ?? ''));
  // As written: "เรื่องเจ้าหน้าที่" is two letters from "มีเจ้าหน้าที่"; "ถ้าโดนเจ้าหน้าที่เรียกเงิน…" is a supposed case.
  const supposed = said.tokens.some((t) => NOT_YET.has(t));
  return said.tokens.some(happened) || (containsExactPhrase(said, ACCOUNT) && !supposed);
}

/**
 * Staff demanding money, told as it happened ("จนท.กองช่างเรียกเงินค่าเซ็น จะแจ้งยังไง"): an
 * account even when it asks how to report it. "ถ้า…" (if) keeps it a supposed case, a question.
 */
function staffDemandedMoney(said: Utterance): boolean {
  return (
    containsExactPhrase(said, MONEY_DEMANDED) &&
    containsExactPhrase(said, STAFF) &&
    !said.tokens.some((t) => NOT_YET.has(t))
  );
}

/** An account in the first person or of something witnessed. */
function isAccount(said: Utterance): boolean {
  // "เทศบาลเรา" (our town) is a place, not someone telling what happened to them.
  const teller = (t: string, i: number): boolean => PRONOUNS.has(t) && !OUR_PLACE.has(said.tokens[i - 1] ?? '');
  return isWitnessed(said) || said.tokens.some(teller);
}

/** A tip made before ("แจ้งไปแล้ว", "ได้เลขมา"): what is told with it was reported then. */
const REPORTED_BEFORE = phrases([
  'แจ้งไปแล้ว',
  'แจ้งเบาะแสไป',
  'แจ้งไป',
  'เคยแจ้ง',
  'ได้เลข',
  'เลขรับเรื่อง',
  'already reported',
  'reported it',
]);
/** Asking how a tip made before goes on. */
const PROGRESS = phrases(['ความคืบหน้า', 'คืบหน้า', 'ติดตาม', 'สถานะ', 'ไปถึงไหน', 'ถึงไหนแล้ว', 'status', 'progress']);

/**
 * "เห็นคนเอาของหลวงไปใช้ เลยแจ้งเบาะแสไป… อยากรู้ว่าจะดูความคืบหน้ายังไง": an account of a tip
 * already made, asking how it goes on, is a question about following it up, not a new tip.
 */
function followsUpATip(said: Utterance): boolean {
  return containsExactPhrase(said, REPORTED_BEFORE) && containsPhrase(said, PROGRESS);
}

/** True when the message reports wrongdoing or wishes to report it. */
export function isTip(said: Utterance): boolean {
  const reporting = containsPhrase(said, REPORTING) && !containsExactPhrase(said, THE_REPORT);
  const misconduct = containsPhrase(said, MISCONDUCT);
  if ((!reporting && !misconduct) || followsUpATip(said)) return false;
  if (isWitnessed(said) || staffDemandedMoney(said)) return true;
  if (isReportingQuestion(said)) return false;
  // "How often are statistics reported to executives": asking when or how much of a report, nobody's wrongdoing.
  const kind = kindOf(said);
  if (!misconduct && kind !== null && ABOUT_A_REPORT.has(kind)) return false;
  if (isAccount(said)) return true;
  if (containsPhrase(said, POLICY)) return false;
  return reporting || !containsPhrase(said, QUESTION);
}
