import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';

/** The zone every date of the municipality is kept in, whatever the machine's zone. */
export const BANGKOK = 'Asia/Bangkok';

/**
 * `days` calendar days after an instant, counted on Bangkok's calendar (the same clock time
 * that many days later). Deadlines and retention periods are set in days by the municipality's
 * rules, so they are counted as a resident would count them, not as multiples of 24 hours.
 */
export function addBangkokDays(at: Date | string, days: number): Date {
  const start = new TZDate(typeof at === 'string' ? Date.parse(at) : at.getTime(), BANGKOK);
  return new Date(addDays(start, days).getTime());
}

/** Midnight in Bangkok at the start of the Bangkok day an instant falls on. */
export function startOfBangkokDay(at: Date | number): Date {
  return new Date(startOfDay(new TZDate(typeof at === 'number' ? at : at.getTime(), BANGKOK)).getTime());
}
