import { bangkokInstant, bangkokParts } from './bangkok-time.js';
import { BE_OFFSET } from './date.js';

/**
 * The Thai government's fiscal year, in the Buddhist era: FY 2569 runs from 1 October 2025 to
 * 30 September 2026, in Bangkok. Tip numbers and the quarterly report both count by it.
 */
export function fiscalYearOf(at: Date): number {
  const { year, month } = bangkokParts(at);
  return (month >= 10 ? year + 1 : year) + BE_OFFSET;
}

/** Midnight in Bangkok on 1 October that opens a fiscal year (Buddhist era). */
export function fiscalYearStart(fiscalYear: number): Date {
  return bangkokInstant(fiscalYear - BE_OFFSET - 1, 10, 1);
}
