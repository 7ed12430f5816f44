/**
 * Isan words written in Central Thai before a question is searched: the documents are in
 * Central Thai, so "บ่ควรเฮ็ดอีหยัง" must meet "ไม่ควรทำ". Only forms that cannot be read
 * otherwise are rewritten: "บ่" before a verb is "not" (after one, "ได้บ่", it asks yes or no
 * and is left alone).
 */
const ISAN_TO_CENTRAL: readonly [RegExp, string][] = [
  [/เฮ็ด/gu, 'ทำ'],
  [/บ่(?=\s*(?:ควร|ต้อง|ให้|เคย|ทำ|เลือก))/gu, 'ไม่'],
  // "ประกาศเรื่องหยัง", "ชื่ออีหยัง": Isan "what" (not หยั่ง, "to gauge").
  [/(?:อี)?หยัง(?![\u0E48-\u0E4B])/gu, 'อะไร'],
];

/** The question with its Isan words written as the documents write them. */
export function centralWords(text: string): string {
  let out = text;
  for (const [isan, central] of ISAN_TO_CENTRAL) out = out.replace(isan, central);
  return out;
}

/** Isan "how" (จั่งใด, เฮ็ดจั่งได๋), also as typed with other tone marks (จั๋งได๋, จังได๋). */
export const ISAN_HOW = ['จั่งใด', 'เฮ็ดจั่งใด', 'จั่งได๋', 'เฮ็ดจั่งได๋', 'จั๋งได๋', 'จั๋งใด', 'จังได๋'];
