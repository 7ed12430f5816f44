import { phrases } from './phrase-match.js';
import { ISAN_HOW } from '../../thai/isan-words.js';
import { GREETINGS, THANKS } from '../../thai/stop-words.js';

/**
 * The words that name each intent, in compact matching form. `contains` lists count anywhere
 * in a message ("ขอรับข่าวสารด้วยครับ"); `whole` lists only when they are the whole message
 * once particles are gone ("เมนู", "ผล ITA"), because inside a question they are its topic.
 */

export const STATUS = phrases(['สถานะ', 'ติดตามเรื่อง', 'ติดตามสถานะ', 'เช็คสถานะ', 'ตรวจสอบสถานะ', 'เลขรับเรื่อง']);
/** Matched as written: "statistics" is one letter from "status". */
export const STATUS_EXACT = phrases(['status']);

export const ERASE = phrases([
  'ลบข้อมูลของฉัน',
  'ลบข้อมูลฉัน',
  'ลบข้อมูลผม',
  'ลบข้อมูลส่วนตัว',
  'ลบข้อมูลทั้งหมด',
  'ลบบัญชี',
  'ลืมฉัน',
  'delete my data',
  'erase my data',
  'forget me',
]);

export const PRIVACY = phrases([
  'ความเป็นส่วนตัว',
  'นโยบายความเป็นส่วนตัว',
  'ข้อมูลส่วนบุคคล',
  'ข้อมูลส่วนตัว',
  'privacy',
  'pdpa',
  'เก็บข้อมูลอะไร',
  'เก็บข้อมูลของฉัน',
]);

/** Stop verbs and news words: one of each means "stop sending me news". */
export const STOP_VERBS = phrases(['ยกเลิก', 'เลิก', 'หยุด', 'งด', 'ปิด', 'พอแล้ว', 'cancel', 'stop']);
/**
 * Refusals ("ไม่ต้องส่งข่าว", Isan "บ่อยากรับข่าว"): matched as written only, since "ทำไมต้อง"
 * (why must) is one tone mark from "ไม่ต้อง".
 */
export const REFUSALS = phrases(['ไม่ต้อง', 'ไม่อยาก', 'ไม่เอา', 'ไม่รับ', 'บ่อยาก', 'บ่เอา', 'บ่ต้อง', 'บ่รับ']);
export const NEWS_WORDS = phrases(['ข่าว', 'แจ้งเตือน', 'news', 'notification', 'notifications', 'updates']);
export const UNSUBSCRIBE_WHOLE = phrases(['unsubscribe', 'stop', 'หยุดส่ง', 'เลิกติดตาม', 'unfollow']);

/** Asking for news now, rather than subscribing to it. */
export const LATEST = phrases([
  'ข่าวล่าสุด',
  'ข่าวใหม่',
  'มีข่าวอะไรใหม่',
  'ข่าวอะไรใหม่',
  'ข่าววันนี้',
  'อัปเดตล่าสุด',
  'อัพเดทล่าสุด',
  'latest news',
  'whats new',
  'what is new',
]);
export const LATEST_WHOLE = phrases(['ข่าว', 'ข่าวสาร', 'ล่าสุด', 'มีอะไรใหม่', 'news', 'latest']);

/** A subscribing verb directly before a news word ("รับข่าว", "ส่งข่าว", "ติดตามข่าวสาร"). */
const SUBSCRIBE_VERBS = ['สมัครรับ', 'สมัคร', 'ขอรับ', 'รับ', 'อยากได้', 'อยากรับ', 'ติดตาม', 'ส่ง', 'ขอ'];
export const SUBSCRIBE = phrases([
  ...SUBSCRIBE_VERBS.flatMap((verb) => [`${verb}ข่าว`, `${verb}การแจ้งเตือน`, `${verb}แจ้งเตือน`]),
  'subscribe',
  'sign up for news',
  'follow news',
  'get news',
]);
/** Asking how or where: "สมัครรับข่าวยังไง" is a question about subscribing, not a subscription. */
export const HOW_WHERE = phrases([
  'ยังไง',
  'อย่างไร',
  'ทำไง',
  'ที่ไหน',
  'วิธี',
  'ขั้นตอน',
  'how',
  'where',
  'how to',
  'how do i',
  ...ISAN_HOW,
  'แนวใด',
  // "What do I type": asking how, not doing it.
  'พิมพ์อะไร',
  'พิมพ์อีหยัง',
  'พิมพ์ว่าอะไร',
  'พิมพ์ยังไง',
  'what do i type',
  'what to type',
]);
export const SUBSCRIBE_WHOLE = phrases(['สมัคร', 'ติดตาม', 'follow', 'sign up']);

export const GREETING_WORDS = phrases(GREETINGS);
/** Greetings that may carry an occasion ("สวัสดีปีใหม่", "happy new year"): never "ดี" alone. */
export const GREETING_OPENERS = phrases(['สวัสดี', 'หวัดดี', 'สุขสันต์', 'อรุณสวัสดิ์', 'ราตรีสวัสดิ์', 'happy', 'hello', 'merry']);
/** Times and festivals a greeting names: with a greeting, still small talk. */
export const OCCASIONS = phrases([
  'ปีใหม่',
  'วันปีใหม่',
  'สงกรานต์',
  'ตรุษจีน',
  'คริสต์มาส',
  'ลอยกระทง',
  'วันเกิด',
  'ตอนเช้า',
  'ตอนเย็น',
  'ยามเช้า',
  'วันจันทร์',
  'วันอังคาร',
  'วันพุธ',
  'วันพฤหัส',
  'วันศุกร์',
  'วันเสาร์',
  'วันอาทิตย์',
  'วันหยุด',
  'new year',
  'christmas',
  'morning',
  'evening',
  'weekend',
  'holiday',
  // "สุขสันต์วันสงกรานต์", "สวัสดีทุกคน": what is left around the occasion.
  'วัน',
  'วันนี้',
  'ทุกคน',
  'ทุกท่าน',
  'everyone',
]);
/** "วันนี้วันอะไร", "what day is it": the day, the date or the time asked, which no document answers. */
export const DAY_QUESTION =
  /^\s*(?:วันนี้\s*)?(?:เป็น\s*)?(?:วันอะไร|วันที่เท่าไหร่|วันที่เท่าไร|วันที่อะไร|กี่โมง|เวลาเท่าไหร่|เวลาเท่าไร|วันไหน)\s*(?:แล้ว)?\s*(?:ครับ|ค่ะ|คะ|จ้า|จ้ะ|นะ)?\s*[?？]*\s*$|^\s*what\s+(?:day|date|time)\s+is\s+it(?:\s+today)?\s*[?？]*\s*$/iu;
export const THANKS_WORDS = phrases(THANKS);

export const MENU_WHOLE = phrases([
  'เมนู',
  'menu',
  'help',
  'ช่วยเหลือ',
  'ขอความช่วยเหลือ',
  'ทำอะไรได้บ้าง',
  'บอททำอะไรได้บ้าง',
  'ใช้งานยังไง',
  'ใช้ยังไง',
  'วิธีใช้',
  'วิธีใช้งาน',
  'เริ่มต้น',
  'เริ่ม',
  'start',
  'หน้าหลัก',
  'main menu',
]);
export const MENU = phrases(['เมนู', 'menu']);

export const ITA_WHOLE = phrases(['ผล ITA', 'ITA', 'ผลการประเมิน ITA', 'ผลประเมิน ITA', 'คะแนน ITA', 'ผลITA']);
export const MEASURES_WHOLE = phrases(['มาตรการ', 'มาตรการทั้งหมด', 'ดูมาตรการ', 'measures', 'รายการมาตรการ']);
export const ANNOUNCEMENT_WHOLE = phrases(['ประกาศ', 'ดูประกาศ', 'announcement', 'announcements']);

/** "ได้บ่", "ได้ไหม", "can I": asking whether reporting can be done so (anonymously), not reporting yet. */
export const CAN_I = phrases([
  'ได้ไหม',
  'ได้มั้ย',
  'ได้มั๊ย',
  'ได้บ่',
  'ได้บ',
  'ได้หรือไม่',
  'ได้หรือเปล่า',
  'ได้ป่าว',
  'ได้เปล่า',
  'ได้รึเปล่า',
  'can i',
  'is it possible',
]);
