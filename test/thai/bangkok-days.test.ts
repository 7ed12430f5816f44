import { describe, expect, it } from 'vitest';
import { addBangkokDays } from '../../src/thai/bangkok-days.js';

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
