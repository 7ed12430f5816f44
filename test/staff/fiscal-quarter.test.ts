import { describe, expect, it } from 'vitest';
import {
  fiscalQuarter,
  fiscalQuarterOf,
  quarterTitle,
  rangeText,
  shiftQuarter,
  weeksOf,
} from '../../src/staff/fiscal-quarter.js';

describe('Thai fiscal quarters, in Bangkok time', () => {
  it('when Q1 of FY 2569 is asked, then it runs from midnight 1 October 2025 to midnight 1 January 2026 in Bangkok', () => {
    const q = fiscalQuarter(2569, 1);
    expect(q.from.toISOString()).toBe('2025-09-30T17:00:00.000Z');
    expect(q.to.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(quarterTitle(q)).toBe('ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569');
    expect(rangeText(q.from, q.to)).toBe('1 ต.ค. 2568 – 31 ธ.ค. 2568');
    expect(fiscalQuarter(2569, 4).to.toISOString()).toBe('2026-09-30T17:00:00.000Z');
  });

  it.each([
    ['2025-09-30T16:59:59Z', 2568, 4], // 23:59:59 on 30 September in Bangkok
    ['2025-09-30T17:00:00Z', 2569, 1], // midnight: a new fiscal year
    ['2025-12-31T16:59:59Z', 2569, 1],
    ['2025-12-31T17:00:00Z', 2569, 2],
    ['2026-04-01T00:00:00Z', 2569, 3],
    ['2026-07-15T12:00:00Z', 2569, 4],
  ])('when the instant is %s, then it is in FY %i Q%i', (iso, fy, q) => {
    expect(fiscalQuarterOf(new Date(iso))).toMatchObject({ fiscalYear: fy, quarter: q });
  });

  it('when shifted across a fiscal year, then Q1 follows Q4 and Q4 precedes Q1', () => {
    expect(shiftQuarter(fiscalQuarter(2569, 4), 1)).toMatchObject({ fiscalYear: 2570, quarter: 1 });
    expect(shiftQuarter(fiscalQuarter(2569, 1), -1)).toMatchObject({ fiscalYear: 2568, quarter: 4 });
  });

  it('when weeks are cut from a quarter, then they start on Mondays in Bangkok and add up to the quarter', () => {
    const q = fiscalQuarter(2569, 2);
    const weeks = weeksOf(q.from, q.to);
    expect(weeks).toHaveLength(14);
    expect(weeks[0]!.from).toEqual(q.from); // Thursday 1 January, cut
    expect(weeks[1]!.from.toISOString()).toBe('2026-01-04T17:00:00.000Z'); // Monday 5 January, 00:00 Bangkok
    expect(weeks.at(-1)!.to).toEqual(q.to);
    expect(weeks.slice(1).every((w, i) => w.from.getTime() === weeks[i]!.to.getTime())).toBe(true);
  });
});
