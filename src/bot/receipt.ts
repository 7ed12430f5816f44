import { toArabicDigits } from '../thai/digits.js';

export const RECEIPT_DIGITS = 16;

/** Digits written in groups: separated by spaces, dashes (ASCII or typographic), dots or slashes. */
const DIGIT_GROUPS = /\d(?:[\s\-‐-―−./]*\d)*/g;

/**
 * The tip receipt in a message: 16 digits, however the resident wrote them ("1234 5678 9012
 * 3456", "1234-5678-…", Thai digits, zero-width characters pasted from the receipt message).
 * Null when the message holds no run of exactly 16 digits.
 */
export function findReceipt(text: string): string | null {
  const clean = toArabicDigits(text.normalize('NFC')).replace(/[\p{Cf}]/gu, '');
  for (const group of clean.match(DIGIT_GROUPS) ?? []) {
    const digits = group.replace(/\D/g, '');
    if (digits.length === RECEIPT_DIGITS) return digits;
  }
  return null;
}

/** True when the message is nothing but a receipt (people paste it alone to ask its status). */
export function isOnlyReceipt(text: string): boolean {
  const receipt = findReceipt(text);
  if (receipt === null) return false;
  const rest = toArabicDigits(text)
    .replace(/[\p{Cf}]/gu, '')
    .replace(/[\d\s\-‐-―−./#:]/g, '');
  return rest.length === 0;
}
