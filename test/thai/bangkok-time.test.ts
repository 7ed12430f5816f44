import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validatePublicationInput } from '../../src/publications/validate-input.js';
import { parseBangkokInstant } from '../../src/publications/publication.js';
import { fiscalQuarterOf, weeksOf } from '../../src/staff/fiscal-quarter.js';
import {
  addBangkokDays,
  bangkokInstant,
  bangkokParts,
  startOfBangkokDay,
  startOfBangkokWeek,
} from '../../src/thai/bangkok-time.js';
import { formatDateThai, formatDateTimeThai } from '../../src/thai/date.js';
import { fiscalYearOf } from '../../src/thai/fiscal-year.js';

describe('addBangkokDays', () => {
  it('when a tip arrives late at night in Bangkok, then its 7-day deadline falls at the same Bangkok clock time', () => {
    // 10 January 2026, 03:00 in Bangkok (still 9 January in UTC).
    const due = addBangkokDays('2026-01-09T20:00:00.000Z', 7);
    expect(due.toISOString()).toBe('2026-01-16T20:00:00.000Z');
  });

  it('when the period crosses a month and a leap day, then it counts calendar days', () => {
    expect(addBangkokDays(new Date('2028-02-28T17:30:00.000Z'), 2).toISOString()).toBe('2028-03-01T17:30:00.000Z');
    expect(addBangkokDays('2025-12-31T10:00:00.000Z', 365).toISOString()).toBe('2026-12-31T10:00:00.000Z');
  });

  it('when the machine runs in another zone, then the result does not change', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(addBangkokDays('2026-03-07T20:00:00.000Z', 1).toISOString()).toBe('2026-03-08T20:00:00.000Z');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe.each(['America/New_York', 'Pacific/Kiritimati', 'Europe/London'])(
  'Bangkok time on a machine set to %s',
  (zone) => {
    let before: string | undefined;
    beforeEach(() => {
      before = process.env.TZ;
      process.env.TZ = zone;
    });
    afterEach(() => {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    });

    it("when an instant is read or made, then its fields are Bangkok's, and Thai text shows them in the Buddhist era", () => {
      // 00:30 on 1 October 2025 in Bangkok: still 30 September in New York and London
      const at = new Date('2025-09-30T17:30:00Z');
      expect(bangkokParts(at)).toEqual({ year: 2025, month: 10, day: 1, hour: 0, minute: 30 });
      expect(formatDateTimeThai(at)).toBe('1 ต.ค. 2568 00:30 น.');
      expect(formatDateThai(at)).toBe('1 ตุลาคม พ.ศ. 2568');
      expect(bangkokInstant(2025, 10, 1, 0, 30).toISOString()).toBe(at.toISOString());
      expect(bangkokInstant(2025, 13, 1).toISOString()).toBe('2025-12-31T17:00:00.000Z'); // month 13 rolls into January
      expect(startOfBangkokDay(at).toISOString()).toBe('2025-09-30T17:00:00.000Z');
      expect(startOfBangkokWeek(at).toISOString()).toBe('2025-09-28T17:00:00.000Z'); // Monday 29 September
    });

    it('when the fiscal year, its quarters and their weeks are counted, then they turn at Bangkok midnight', () => {
      expect(fiscalYearOf(new Date('2025-09-30T16:59:59Z'))).toBe(2568);
      expect(fiscalYearOf(new Date('2025-09-30T17:00:00Z'))).toBe(2569);
      const q = fiscalQuarterOf(new Date('2026-03-08T18:00:00Z')); // 9 March, 01:00 in Bangkok; New York changed clocks that night
      expect([q.fiscalYear, q.quarter, q.from.toISOString(), q.to.toISOString()]).toEqual([
        2569,
        2,
        '2025-12-31T17:00:00.000Z',
        '2026-03-31T17:00:00.000Z',
      ]);
      const weeks = weeksOf(q.from, q.to);
      expect(weeks[10]!.from.toISOString()).toBe('2026-03-08T17:00:00.000Z'); // Monday 9 March, 00:00 Bangkok
      expect(weeks.every((w) => w.to.getTime() - w.from.getTime() <= 7 * 86_400_000)).toBe(true);
    });

    it('when publishAt has no offset, then it is Bangkok wall-clock time, and a year ahead is counted on the calendar', () => {
      expect(parseBangkokInstant('2026-12-01T09:00')?.toISOString()).toBe('2026-12-01T02:00:00.000Z');
      expect(parseBangkokInstant('2026-03-08T02:30')?.toISOString()).toBe('2026-03-07T19:30:00.000Z'); // a time New York skips
      const now = new Date('2026-01-01T00:00:00Z');
      const input = (publishAt: string) => ({ title: 'ประกาศ', body: 'เนื้อหา', topic: 'news', publishAt });
      expect(validatePublicationInput(input('2027-01-01T07:00'), now).publishAt).toBe('2027-01-01T00:00:00.000Z');
      expect(() => validatePublicationInput(input('2027-01-01T07:01'), now)).toThrow(/more than a year ahead/);
    });
  },
);
