const THAI_ZERO = 0x0e50;

/** Replaces Thai digits (๐-๙) with Arabic ones; other characters are kept. */
export function toArabicDigits(text: string): string {
  return text.replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO));
}

/** Replaces Arabic digits with Thai ones, for text shown in the official style. */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(THAI_ZERO + Number(d)));
}

/** Parses a whole number written in Thai or Arabic digits; null when it is not one. */
export function parseThaiInt(text: string): number | null {
  const arabic = toArabicDigits(text.trim());
  return /^\d+$/.test(arabic) ? Number(arabic) : null;
}
