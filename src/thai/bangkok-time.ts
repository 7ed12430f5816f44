import { TZDate, tzOffset } from '@date-fns/tz';
// One module each: the package's index loads all of date-fns (about 15 MB more at start).
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfWeek } from 'date-fns/startOfWeek';

/**
 * The one place that knows how time runs in the municipality. Every date is kept, counted and
 * shown in Asia/Bangkok, whatever the machine's zone: calendar arithmetic is date-fns on
 * @date-fns/tz's TZDate, and the zone's offset comes from the time-zone database (Intl), not
 * from a constant kept by hand. Thai wording of dates lives in ./date.ts.
 */
export const BANGKOK = 'Asia/Bangkok';

/** An instant as a TZDate in Bangkok, for date-fns to count on Bangkok's calendar. */
const inBangkok = (at: Date | number | string): TZDate =>
  new TZDate(typeof at === 'string' ? Date.parse(at) : +at, BANGKOK);
/** A plain Date of the same instant (what the rest of the code stores and compares). */
const plain = (at: Date): Date => new Date(at.getTime());

/**
 * `days` calendar days after an instant, counted on Bangkok's calendar (the same clock time
 * that many days later). Deadlines and retention periods are set in days by the municipality's
 * rules, so they are counted as a resident would count them, not as multiples of 24 hours.
 */
export function addBangkokDays(at: Date | string, days: number): Date {
  return plain(addDays(inBangkok(at), days));
}

/** Midnight in Bangkok at the start of the Bangkok day an instant falls on. */
export function startOfBangkokDay(at: Date | number): Date {
  return plain(startOfDay(inBangkok(at)));
}

/** Midnight in Bangkok on the Monday that starts the week an instant falls in. */
export function startOfBangkokWeek(at: Date): Date {
  return plain(startOfWeek(inBangkok(at), { weekStartsOn: 1 }));
}

/** `weeks` weeks (or `months` months) later on Bangkok's calendar. */
export const addBangkokWeeks = (at: Date, weeks: number): Date => plain(addWeeks(inBangkok(at), weeks));
export const addBangkokMonths = (at: Date, months: number): Date => plain(addMonths(inBangkok(at), months));

/**
 * The instant a Bangkok wall clock shows these fields (month 1-12). Fields past their range
 * roll over as in `Date` (month 13 is January of the next year); callers that read input
 * check the fields themselves.
 */
export function bangkokInstant(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return plain(new TZDate(year, month - 1, day, hour, minute, second, ms, BANGKOK));
}

/** Calendar fields of an instant as seen in Asia/Bangkok (month 1-12), whatever the machine's zone. */
export function bangkokParts(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  // The zone's offset at that instant, then plain UTC fields of the shifted instant (cheaper than a TZDate)
  const shifted = new Date(at.getTime() + tzOffset(BANGKOK, at) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}
