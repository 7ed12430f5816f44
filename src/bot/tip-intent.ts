import { containsPhrase, phrases, type Utterance } from './phrase-match.js';

/**
 * Whether a message reports wrongdoing (start the confidential tip flow) or asks about the
 * municipality's anti-corruption policy (search). Both mention "ทุจริต"; what differs is the
 * phrasing: reporting verbs and first-person or witnessed accounts report, while policy words
 * and question frames with nobody involved ask.
 */

/** Verbs of reporting: these alone start the tip flow. */
const REPORTING = phrases([
  'แจ้งเบาะแส', 'เบาะแส', 'ร้องเรียน', 'แจ้งทุจริต', 'แจ้งการทุจริต', 'รายงานการทุจริต', 'แฉ', 'ฟ้องร้อง',
  'report', 'whistleblow', 'complain', 'complaint', 'tip off',
]);

/** Wrongdoing itself. */
const MISCONDUCT = phrases([
  'ทุจริต', 'โกง', 'คอรัปชั่น', 'คอร์รัปชัน', 'คอรัปชัน', 'คอร์รัปชั่น', 'สินบน', 'เรียกรับ', 'เรียกเงิน',
  'ใต้โต๊ะ', 'ค่าน้ำร้อนน้ำชา', 'ค่าดำเนินการพิเศษ', 'ยักยอก', 'ฮั้ว', 'เงินทอน', 'เอื้อประโยชน์', 'ฉ้อโกง',
  'corruption', 'corrupt', 'bribe', 'bribery', 'fraud', 'kickback',
]);

/** Someone saw or suffered it: the message is an account, not a question. */
const ACCOUNT_TOKENS = new Set([
  'ผม', 'ฉัน', 'ดิฉัน', 'หนู', 'เรา', 'กู', 'ข้าพเจ้า', 'โดน', 'ถูก', 'เจอ', 'เห็น', 'พบ', 'พบเห็น', 'เจอมา',
  'i', 'me', 'my', 'we', 'saw',
]);
const ACCOUNT = phrases(['มีเจ้าหน้าที่', 'มีคน', 'มีพนักงาน', 'เจ้าหน้าที่เรียก', 'พนักงานเรียก']);

/** The municipality's policy, and question frames about what something is. */
const POLICY = phrases([
  'มาตรการ', 'นโยบาย', 'ป้องกัน', 'แนวทาง', 'ประกาศ', 'ita', 'คะแนน', 'ต่อต้าน', 'ยุทธศาสตร์', 'แผน',
  'measure', 'policy', 'prevent',
]);
const QUESTION = phrases(['คืออะไร', 'หมายถึง', 'อย่างไร', 'ยังไง', 'what is', 'what are', 'how', 'meaning']);

/** True when the message reports wrongdoing. */
export function isTip(said: Utterance): boolean {
  const reporting = containsPhrase(said, REPORTING);
  const misconduct = containsPhrase(said, MISCONDUCT);
  if (!reporting && !misconduct) return false;
  const account = said.tokens.some((t) => ACCOUNT_TOKENS.has(t)) || containsPhrase(said, ACCOUNT);
  if (account) return true;
  if (containsPhrase(said, POLICY)) return false;
  return reporting || !containsPhrase(said, QUESTION);
}
