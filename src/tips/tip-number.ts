import { toThaiDigits } from '../thai/digits.js';
import { fiscalYearOf } from '../thai/fiscal-year.js';

/**
 * The number staff call a tip by: the fiscal year (Buddhist era, starting 1 October in
 * Bangkok) and the tip's place in that year's filing order, stored as "2569-0012" and shown
 * as "๒๕๖๙-๐๐๑๒". It names a tip among staff only: it is not the receipt and opens nothing.
 */
export const TIP_NUMBER = /^(\d{4})-(\d{4,})$/;

export const tipNumber = (fiscalYear: number, seq: number): string => `${fiscalYear}-${String(seq).padStart(4, '0')}`;

/** "2569-0012" → "๒๕๖๙-๐๐๑๒"; a tip without a number yet shows a dash. */
export const tipNumberText = (number: string | null | undefined): string => (number ? toThaiDigits(number) : '-');

/**
 * Hands out numbers: the next in a fiscal year is one past the highest given so far, so a
 * number is never given twice, even to tips filed in the same moment.
 */
export class TipNumbers {
  private readonly last = new Map<number, number>();

  /** Remembers a number already given (read back from disk). */
  note(number: string | null | undefined): void {
    const m = number ? TIP_NUMBER.exec(number) : null;
    if (!m) return;
    const [fy, seq] = [Number(m[1]), Number(m[2])];
    if (seq > (this.last.get(fy) ?? 0)) this.last.set(fy, seq);
  }

  /** The next number of the fiscal year `receivedAt` falls in. */
  next(receivedAt: Date): string {
    const fy = fiscalYearOf(receivedAt);
    const seq = (this.last.get(fy) ?? 0) + 1;
    this.last.set(fy, seq);
    return tipNumber(fy, seq);
  }
}
