/**
 * A message inside the tip flow that reads as a question to the bot ("ต้องแจ้งที่ไหน",
 * "มาตรการมีอะไรบ้าง", "ใช่ที่นี่ไหม?") is not taken as part of the tip without asking: the
 * resident says whether it belongs to the tip or was a question (then the draft is paused and
 * the question answered). Either way nothing typed is lost.
 */

/** A story is longer than this; a question to the bot is short. */
const MAX_QUESTION_CHARS = 80;
/** Thai questions end on their question word, polite particles and marks aside. */
const ENDS_ASKING =
  /(?:ไหม|มั้ย|มัย|ไม๊|หรือเปล่า|รึเปล่า|หรือยัง|หรือไม่|ที่ไหน|ตรงไหน|อะไร|อะไรบ้าง|ไหนบ้าง|อย่างไร|ยังไง|เมื่อไร|เมื่อไหร่|ตอนไหน|วันไหน|เท่าไร|เท่าไหร่|กี่\S{0,8}|ใคร|ทำไม|บ้าง|หรอ|เหรอ|บ่|ได้บ่)(?:ครับ|ค่ะ|คะ|ค่า|จ้ะ|จ้า|จ๊ะ|นะ|คับ|ฮะ|ฮับ|น้อ|เนาะ)*$/;
/** Or open with one. */
const OPENS_ASKING =
  /^(?:ใคร|ทำไม|อย่างไร|ยังไง|ที่ไหน|how|what|where|who|when|why|which|can|could|is|are|do|does|should)\b/i;
/** "I don't know who" answers a step; it does not ask. */
const NOT_KNOWING = /ไม่รู้|ไม่ทราบ|ไม่แน่ใจ|จำไม่ได้|ไม่เห็น|don't know|not sure/i;

/** True when `text` reads as a question to the bot rather than part of a tip. */
export function readsAsQuestion(text: string): boolean {
  const t = text.normalize('NFC').trim();
  if (t.length === 0 || t.length > MAX_QUESTION_CHARS || NOT_KNOWING.test(t)) return false;
  const bare = t.replace(/[\s?？!.…]+$/u, '').replace(/\s+/g, '');
  // A report phrased as a question is asked about too: one tap keeps it in the tip.
  return /[?？]\s*$/.test(t) || ENDS_ASKING.test(bare) || OPENS_ASKING.test(t);
}

export const ASK_LABEL = {
  keep: 'ใส่ในเรื่องที่แจ้ง',
  question: 'เป็นคำถามถึงบอท',
  resume: 'แจ้งเบาะแสต่อ',
} as const;

export const ASK_SAY = {
  which: (held: string) =>
    `ข้อความนี้ดูเหมือนคำถาม:\n“${held}”\n\nจะให้ใส่ไว้ในเรื่องที่แจ้ง หรือเป็นคำถามถึงบอท? ข้อความที่พิมพ์มาทั้งหมดยังอยู่ครบ`,
  kept: 'ใส่ข้อความนั้นไว้ในเรื่องที่แจ้งแล้ว',
  paused: `พักเรื่องที่แจ้งไว้ก่อน ร่างยังอยู่ครบ 30 นาที ด้านล่างคือคำตอบ เมื่อพร้อมแจ้งต่อ พิมพ์ “${ASK_LABEL.resume}”`,
  resumed: 'กลับมาที่เรื่องที่แจ้งค้างไว้ ร่างยังอยู่ครบ',
  addedOnResume: 'กลับมาที่เรื่องที่แจ้งค้างไว้ และใส่ข้อความล่าสุดไว้ในเรื่องแล้ว',
  expiredAnswering: 'ร่างเรื่องที่แจ้งค้างไว้หมดเวลาแล้ว (ไม่มีการตอบเกิน 30 นาที) จึงถูกลบเพื่อความปลอดภัย ด้านล่างคือคำตอบของคำถาม',
} as const;

/** The word a whole message is among the choices above, or null. */
export function askChoiceOf(text: string): keyof typeof ASK_LABEL | null {
  const t = text.replace(/[\s"“”]/g, '');
  for (const [choice, label] of Object.entries(ASK_LABEL) as [keyof typeof ASK_LABEL, string][])
    if (t === label.replace(/\s/g, '')) return choice;
  return null;
}
