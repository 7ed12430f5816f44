import { afterEach, describe, expect, it } from 'vitest';
import { deadlinesOf, DEFAULT_TIP_RULES, overdueOf } from '../../src/tips/deadlines.js';

const received = (receivedAt: string) => ({
  receivedAt,
  status: 'received' as const,
  acknowledgedAt: null,
  feedbackAt: null,
});

const machineZone = process.env.TZ;
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

describe('tip deadlines on the Bangkok calendar', () => {
  it('when a tip comes at 23:30 on 31 January in Bangkok, then its deadlines fall at 23:30 Bangkok, across month ends', () => {
    const { acknowledgeBy, feedbackBy } = deadlinesOf(received('2026-01-31T16:30:00.000Z'), DEFAULT_TIP_RULES);
    expect(acknowledgeBy.toISOString()).toBe('2026-02-07T16:30:00.000Z'); // 7 February, 23:30
    expect(feedbackBy.toISOString()).toBe('2026-05-01T16:30:00.000Z'); // 1 May, 23:30 (90 days)
  });

  it('when a tip comes at midnight in Bangkok (17:00 UTC the day before), then the day it counts from is the Bangkok day', () => {
    const { acknowledgeBy } = deadlinesOf(received('2025-09-30T17:00:00.000Z'), DEFAULT_TIP_RULES);
    expect(acknowledgeBy.toISOString()).toBe('2025-10-07T17:00:00.000Z'); // midnight 8 October
    const tip = received('2025-09-30T17:00:00.000Z');
    expect(overdueOf(tip, DEFAULT_TIP_RULES, acknowledgeBy).acknowledge).toBe(false);
    expect(overdueOf(tip, DEFAULT_TIP_RULES, new Date(acknowledgeBy.getTime() + 1)).acknowledge).toBe(true);
  });

  it("when the machine's zone changes its clocks in the week (New York, 8 March 2026), then the deadline is still seven Bangkok days", () => {
    process.env.TZ = 'America/New_York';
    const { acknowledgeBy } = deadlinesOf(received('2026-03-05T16:30:00.000Z'), DEFAULT_TIP_RULES);
    expect(acknowledgeBy.toISOString()).toBe('2026-03-12T16:30:00.000Z');
  });
});
