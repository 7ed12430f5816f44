const DIGITS = ['ศูนย์', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'];

/** 0-100 in Thai words: 21 is "ยี่สิบเอ็ด", 93 "เก้าสิบสาม". */
function wholeInWords(n: number): string {
  if (n === 100) return 'หนึ่งร้อย';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones] ?? '';
  const tensWord = tens === 1 ? 'สิบ' : tens === 2 ? 'ยี่สิบ' : `${DIGITS[tens]}สิบ`;
  const onesWord = ones === 0 ? '' : ones === 1 ? 'เอ็ด' : (DIGITS[ones] ?? '');
  return tensWord + onesWord;
}

/**
 * A score as people say it: 93.05 → "เก้าสิบสามจุดศูนย์ห้า", so a resident who types the
 * number in words still finds the ITA result. Decimals are read digit by digit, as in speech.
 */
export function scoreInThaiWords(score: number): string {
  const [whole, decimals] = score.toFixed(2).split('.');
  const wholeWords = wholeInWords(Number(whole));
  if (!decimals || /^0+$/.test(decimals)) return wholeWords;
  const decimalWords = [...decimals].map((d) => DIGITS[Number(d)] ?? '').join('');
  return `${wholeWords}จุด${decimalWords}`;
}
