/** Month names as residents write them in questions (full, cut short, abbreviated, English). */

/** Month stems as residents write them, full or cut short ("กุมภา", "ก.พ."), and in English. */
const MONTH_STEMS: readonly RegExp[] = [
  /มกรา|ม\.ค\.|january|\bjan\b/iu,
  /กุมภา|ก\.พ\.|february|\bfeb\b/iu,
  /มีนา|มี\.ค\.|march/iu,
  /เมษา|เม\.ย\.|april|\bapr\b/iu,
  /พฤษภา|พ\.ค\.|\bmay\b/iu,
  /มิถุนา|มิ\.ย\.|june|\bjun\b/iu,
  /กรกฎา|ก\.ค\.|july|\bjul\b/iu,
  /สิงหา|ส\.ค\.|august|\baug\b/iu,
  /กันยา|ก\.ย\.|september|\bsep\b/iu,
  /ตุลา|ต\.ค\.|october|\boct\b/iu,
  /พฤศจิกา|พ\.ย\.|november|\bnov\b/iu,
  /ธันวา|ธ\.ค\.|december|\bdec\b/iu,
];

/** The month (1-12) a text names, or null. */
export function monthNamed(text: string): number | null {
  const index = MONTH_STEMS.findIndex((stem) => stem.test(text));
  return index < 0 ? null : index + 1;
}

/** A month written out with its ending and the word เดือน before it ("เดือนกุมภาพันธ์", "มีนา"). */
const MONTH_WORDS =
  /(?:เดือน\s*)?(?:(?:มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา)(?:คม|ยน|พันธ์)?|(?:ม\.ค|ก\.พ|มี\.ค|เม\.ย|พ\.ค|มิ\.ย|ก\.ค|ส\.ค|ก\.ย|ต\.ค|พ\.ย|ธ\.ค)\.?)/gu;

/** The text without its month names: a month claimed is compared with the date, not searched for. */
export function withoutMonths(text: string): string {
  return text.replace(MONTH_WORDS, ' ').replace(/\s+/g, ' ').trim();
}
