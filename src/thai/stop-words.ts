import { collapseRepeats } from './repeats.js';

/**
 * Words that carry no meaning for search, in matching form (see normalize.ts: doubled letters
 * collapsed, so "ครับ" stays "ครับ" but "ค้าบบ" arrives as "ค้าบ"). Three kinds, kept apart
 * because intent recognition strips only the first: politeness must not hide "ยกเลิก".
 */

/** Polite particles and sentence-final softeners, Central Thai and Isan, as people type them. */
const PARTICLE_LIST = [
  'ครับ',
  'คับ',
  'ครัช',
  'คร้าบ',
  'ค้าบ',
  'ครับผม',
  'คับผม',
  'งับ',
  'ฮะ',
  'ฮ่ะ',
  'ฮับ',
  'ค่ะ',
  'คะ',
  // ค่า is a particle only at the end of a question (tokens() reads it there as ค่ะ): ค่าใช้จ่าย, ค่าตอบแทน keep it.
  'ค้า',
  'คร่ะ',
  'เค้อ',
  'จ้า',
  'จ้ะ',
  'จ๊ะ',
  'จ๋า',
  'จ้ะ',
  'นะ',
  'น้า',
  'นะคะ',
  'นะครับ',
  'น่ะ',
  'หน่อย',
  'ด้วย',
  'ที',
  'สิ',
  'ซิ',
  'เถอะ',
  'ล่ะ',
  'เด้อ',
  'เน้อ',
  'เนาะ',
  'แหน่',
  'please',
  'pls',
  'plz',
];

/** Asking and requesting words: the frame of a question, not its subject. */
const FILLERS = [
  'อยาก',
  'ทราบ',
  'รู้',
  'อยากรู้',
  'อยากทราบ',
  'ขอ',
  'ขอดู',
  'ดู',
  // Asking for a document whole ("…ฉบับเต็ม", "ทั้งฉบับ"): how much of it to show, not its subject.
  'ฉบับเต็ม',
  'ทั้งฉบับ',
  'ตัวเต็ม',
  'ถาม',
  'สอบถาม',
  'บอก',
  'ช่วย',
  'เกี่ยวกับ',
  'เรื่อง',
  'อะไร',
  'อะไรบ้าง',
  'บ้าง',
  'ไหม',
  'มั้ย',
  'มั๊ย',
  'ไม๊',
  'หรือเปล่า',
  'รึเปล่า',
  'เปล่า',
  'หรือไม่',
  'ยังไง',
  'ยังงัย',
  'ไง',
  'อย่างไร',
  'เท่าไหร่',
  'เท่าไร',
  'เท่าใด',
  'กี่',
  'ไหน',
  'ที่ไหน',
  // "ค้นได้ทางไหน" (by which way): the frame of "where", never the "ทาง" of "ทางจริยธรรม".
  'ทางไหน',
  'ทางใด',
  'เมื่อไหร่',
  'เมื่อไร',
  'ทำไม',
  'ใคร',
  'คือ',
  'หรอ',
  'เหรอ',
  'มีอะไร',
  'อีหยัง',
  // Isan "how many" (จักคะแนน, จั๊กบาท) and "which" (มื้อได๋, อันได๋).
  'จัก',
  'จั๊ก',
  'ได๋',
  'แนวใด',
  'จั่งใด',
  'แน่',
  'จริง',
  'ได้ไหม',
  'บอกหน่อย',
  'แค่ไหน',
  'ขนาดไหน',
  'อันไหน',
  'สิ่ง',
  'สิ่งที่',
  'ต้องการ',
  'ปีนี้',
  'ตอนนี้',
  'ปัจจุบันนี้',
  'ทั้งหมด',
  'ต่างๆ',
  'ต่าง',
  'ไร',
  'วันไหน',
  'ตอนไหน',
  'ช่วงไหน',
  'ชื่ออะไร',
  'ชื่อว่าอะไร',
  // "ใครเป็นคนลงนาม", "คนไหนรับผิดชอบ": the person asked about is named by the other words.
  'คน',
  // "ผลออกมาเป็นไง" (turned out), "เอาไอทีมาใช้" (take … to use): verbs around the subject, never it.
  'ออกมา',
  'เอา',
];

/** Function words: pronouns, prepositions, conjunctions, auxiliaries, nominalisers. */
const FUNCTION_WORDS = [
  'ที่',
  'และ',
  'ของ',
  'การ',
  'ความ',
  'มี',
  'ได้',
  'เป็น',
  'ใน',
  'กับ',
  'ให้',
  'ว่า',
  'จะ',
  'ก็',
  'แล้ว',
  'นี้',
  'นั้น',
  'นั่น',
  'นี่',
  'โดย',
  'ซึ่ง',
  'หรือ',
  'แต่',
  'อยู่',
  'เพื่อ',
  'ต่อ',
  'จาก',
  'ถึง',
  'ไป',
  'มา',
  'ไว้',
  'แก่',
  'ตาม',
  'จึง',
  'อัน',
  'เมื่อ',
  'ทั้ง',
  'อย่าง',
  'หาก',
  'ถ้า',
  'เลย',
  'มาก',
  // "ใช้งบเยอะไหม": how much, said in chat; the degree, as มาก, not a subject.
  'เยอะ',
  'ผู้',
  'ผม',
  'ฉัน',
  'ดิฉัน',
  'หนู',
  'เรา',
  // How residents name themselves and each other in chat ("ป้าอยากรู้ว่า…", Isan ข้อย, เฮา): no subject.
  'ป้า',
  'ลุง',
  'ยาย',
  'น้า',
  'พี่',
  'น้อง',
  'ข้อย',
  'เฮา',
  // Isan pointing words and the particle after them ("do & don't หั่นแหละ": that one): no subject.
  'หั่น',
  'พุ่น',
  'แหละ',
  'หละ',
  // "ได้ยินว่า…": what was heard is told next; hearing names no subject.
  'ได้ยิน',
  'ท่าน',
  'คุณ',
  'เขา',
  'เค้า',
  'พวก',
  'นะ',
  'ๆ',
  'a',
  'an',
  'the',
  'of',
  'to',
  'for',
  'in',
  'on',
  'at',
  'is',
  'are',
  'was',
  'be',
  'what',
  'how',
  'who',
  'whom',
  'whose',
  'by',
  'when',
  'where',
  'which',
  'why',
  'does',
  'did',
  'do',
  'can',
  'could',
  'i',
  'you',
  'me',
  'my',
  'your',
  'we',
  'our',
  'it',
  'its',
  'this',
  'that',
  'with',
  'about',
  'from',
  'and',
  // Chat English "and" ("do n dont").
  'n',
  // Isan "right?" ("ได้ 93 แม่นบ่"), and the "-odd" after a number ("93 กว่า").
  'แม่น',
  'แม่นบ่',
  // The drawn-out particle ending a question ("คืออะไรอ่ะ").
  'อ่ะ',
  'อ้ะ',
  'กว่า',
  'or',
  'is',
  'there',
  'any',
  'tell',
  'want',
  'know',
  'show',
  'held',
  'hold',
  'before',
  'after',
  'must',
  'should',
  'made',
  'under',
  'follow',
  'follows',
];

/** Greetings a resident opens with. */
export const GREETINGS = ['สวัสดี', 'หวัดดี', 'ดี', 'ดีจ้า', 'อรุณสวัสดิ์', 'hello', 'hi', 'hey'];
/** Thanks and acknowledgements. */
export const THANKS = ['ขอบคุณ', 'ขอบใจ', 'ขอบพระคุณ', 'thank', 'thanks', 'thx', 'โอเค', 'ok', 'okay', 'เข้าใจแล้ว'];

/** Greetings, thanks and acknowledgements: small talk around a question, never its subject. */
const SMALL_TALK = [...GREETINGS, ...THANKS];

/** Sets in matching form: "hello" is looked up as "helo", like the tokens it is compared with. */
const PARTICLES: ReadonlySet<string> = new Set(PARTICLE_LIST.map(collapseRepeats));
const FILLER_WORDS: ReadonlySet<string> = new Set(
  [...PARTICLE_LIST, ...FILLERS, ...FUNCTION_WORDS, ...SMALL_TALK].map(collapseRepeats),
);

/** True for a polite particle (in matching form). */
export function isParticle(word: string): boolean {
  return PARTICLES.has(word);
}

/**
 * True for any word search should ignore: particles, asking frames and function words, and
 * words the segmenter glued together from them ("ได้ที่" in "ดูได้ที่ไหน").
 */
export function isFillerWord(word: string): boolean {
  if (FILLER_WORDS.has(word)) return true;
  let glued = gluedCache.get(word);
  if (glued === undefined) {
    if (gluedCache.size >= MAX_CACHED) gluedCache.clear();
    glued = gluedFromFillers(word);
    gluedCache.set(word, glued);
  }
  return glued;
}

/** Words seen before, so indexing a thousand publications does not split each word again. */
const gluedCache = new Map<string, boolean>();
const MAX_CACHED = 50_000;

const LONGEST_FILLER = Math.max(...[...FILLER_WORDS].map((w) => w.length));

/** Whether a Thai word splits entirely into two or more filler words (Latin words are never glued). */
function gluedFromFillers(word: string): boolean {
  if (!/^[\u0E00-\u0E7F]+$/.test(word)) return false;
  // reachable[i]: the first i characters split into filler words.
  const reachable = [true, ...new Array<boolean>(word.length).fill(false)];
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - LONGEST_FILLER); start < end && !reachable[end]; start++) {
      if (reachable[start] && (start > 0 || end < word.length) && FILLER_WORDS.has(word.slice(start, end)))
        reachable[end] = true;
    }
  }
  return word.length > 0 && reachable[word.length] === true;
}
