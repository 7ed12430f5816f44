import { describe, expect, it } from 'vitest';
import { DEFAULT_TIP_RULES, overdueOf, tipStats } from '../../src/tips/deadlines.js';
import { hashSlots } from '../../src/tips/hash-slots.js';
import { RateLimiter } from '../../src/http/rate-limiter.js';
import { formatReceipt, isReceipt, newReceipt, receiptHasher } from '../../src/tips/receipt-code.js';
import type { TipRecord } from '../../src/tips/tip-model.js';

const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string, days = 0) => new Date(Date.parse(iso) + days * DAY);

describe('receipts', () => {
  it('when receipts are made, then they are 16 digits, shown as four groups of four, and do not repeat', () => {
    const receipts = Array.from({ length: 200 }, newReceipt);
    expect(receipts.every(isReceipt)).toBe(true);
    expect(new Set(receipts).size).toBe(200);
    expect(formatReceipt('1234567890123456')).toBe('1234 5678 9012 3456');
  });

  it('when a receipt is hashed, then the hash is stable for one key, differs for another key, and is not the receipt', async () => {
    const hash = receiptHasher(Buffer.alloc(32, 1));
    const a = await hash('1234567890123456');
    expect(await hash('1234567890123456')).toBe(a);
    expect(await hash('1234567890123457')).not.toBe(a);
    expect(await receiptHasher(Buffer.alloc(32, 2))('1234567890123456')).not.toBe(a);
    expect(a).not.toContain('1234');
  });
});

describe('receipt hashing slots', () => {
  it('when twenty lookups hash at once, then two run at a time, all finish in order of arrival, and a failed hash frees its slot', async () => {
    let running = 0;
    let most = 0;
    const finished: string[] = [];
    const slow = async (receipt: string) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      if (receipt === 'bad') throw new Error('hash failed');
      finished.push(receipt);
      return `h${receipt}`;
    };
    const hash = hashSlots(slow);
    const receipts = ['bad', ...Array.from({ length: 19 }, (_, i) => String(i))];
    const results = await Promise.allSettled(receipts.map((r) => hash(r)));
    expect(most).toBe(2);
    expect(results[0]!.status).toBe('rejected');
    expect(results.slice(1).map((r) => (r as PromiseFulfilledResult<string>).value)).toEqual(
      receipts.slice(1).map((r) => `h${r}`),
    );
    expect(finished).toEqual(receipts.slice(1));
    expect(await hash('after')).toBe('hafter');
  });
});

describe('abuse limits in memory', () => {
  it('when a client passes its limit, then it is refused until the window slides past; others are not', () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const limit = new RateLimiter(() => now, 3, 60_000);
    expect([1, 2, 3, 4].map(() => limit.take('a'))).toEqual([true, true, true, false]);
    expect(limit.take('b')).toBe(true);
    expect(limit.retryAfterSeconds('a')).toBe(60);
    expect(limit.retryAfterSeconds('b')).toBe(0);
    now = new Date(now.getTime() + 60_001);
    expect(limit.take('a')).toBe(true);
  });

  it('when only failures are counted, then a client is blocked after the limit, and keeps no more than the limit in memory', () => {
    let now = new Date('2025-01-01T00:00:00Z');
    const limit = new RateLimiter(() => now, 2, 60_000);
    limit.count('a');
    expect(limit.blocked('a')).toBe(false);
    now = new Date(now.getTime() + 30_000);
    for (let i = 0; i < 100; i++) limit.count('a');
    expect(limit.blocked('a')).toBe(true);
    // The last two failures came 30 s in: free again 60 s after them, not after the first
    expect(limit.retryAfterSeconds('a')).toBe(60);
    now = new Date(now.getTime() + 60_001);
    expect(limit.blocked('a')).toBe(false);
  });

  it('when a resident files tips, then 5 fit in one Bangkok day and the count starts again at Bangkok midnight', () => {
    const lateEvening = new Date('2025-01-01T16:30:00Z'); // 23:30 in Bangkok
    let now = lateEvening;
    const quota = new RateLimiter(() => now, 5, 'bangkok-day');
    for (let i = 0; i < 5; i++) quota.count('U1');
    expect(quota.remaining('U1')).toBe(0);
    expect(quota.remaining('U2')).toBe(5);
    now = new Date('2025-01-01T17:00:00Z');
    expect(quota.remaining('U1')).toBe(5);
  });
});

describe('deadlines', () => {
  const tip = (over: Partial<TipRecord>) =>
    ({
      receivedAt: '2025-01-01T00:00:00.000Z',
      status: 'received',
      acknowledgedAt: null,
      feedbackAt: null,
      closedAt: null,
      ...over,
    }) as TipRecord;

  it('when 7 days pass without acknowledgement, then the tip is overdue for acknowledgement; after 90 without feedback, for feedback', () => {
    const t = tip({});
    expect(overdueOf(t, DEFAULT_TIP_RULES, at(t.receivedAt, 7))).toEqual({ acknowledge: false, feedback: false });
    expect(overdueOf(t, DEFAULT_TIP_RULES, at(t.receivedAt, 7.01))).toEqual({ acknowledge: true, feedback: false });
    expect(overdueOf(t, DEFAULT_TIP_RULES, at(t.receivedAt, 90.01))).toEqual({ acknowledge: true, feedback: true });
    const handled = tip({ status: 'investigating', acknowledgedAt: '2025-01-02T00:00:00.000Z' });
    expect(overdueOf(handled, DEFAULT_TIP_RULES, at(t.receivedAt, 91))).toEqual({ acknowledge: false, feedback: true });
    const answered = tip({
      status: 'investigating',
      acknowledgedAt: '2025-01-02T00:00:00.000Z',
      feedbackAt: '2025-02-01T00:00:00.000Z',
    });
    expect(overdueOf(answered, DEFAULT_TIP_RULES, at(t.receivedAt, 200))).toEqual({
      acknowledge: false,
      feedback: false,
    });
  });

  it('when statistics are asked, then open, overdue, received and closed are counted', () => {
    const tips = [
      tip({}),
      tip({
        status: 'closed',
        acknowledgedAt: '2025-01-02T00:00:00.000Z',
        feedbackAt: '2025-01-03T00:00:00.000Z',
        closedAt: '2025-01-03T00:00:00.000Z',
      }),
    ];
    const stats = tipStats(
      tips,
      DEFAULT_TIP_RULES,
      at('2025-01-01T00:00:00Z', 10),
      new Date(0),
      at('2025-01-01T00:00:00Z', 10),
    );
    expect(stats).toMatchObject({
      open: 1,
      overdue: 1,
      overdueAcknowledge: 1,
      overdueFeedback: 0,
      received: 2,
      closed: 1,
    });
  });
});
