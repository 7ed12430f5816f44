import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/http/rate-limiter.js';
import { endpointLimits } from '../../src/demo/stand-in-guards.js';

describe('the one rate limiter', () => {
  const zone = process.env.TZ;
  // The machine's zone must not matter: run these as if the server sat in New York
  beforeEach(() => void (process.env.TZ = 'America/New_York'));
  afterEach(() => void (process.env.TZ = zone));

  it("when a Bangkok-day limit is used up late in the day, then Retry-After points at Bangkok midnight, not the machine's", () => {
    let now = new Date('2025-03-09T16:00:00Z'); // 23:00 in Bangkok, the day New York changes its clocks
    const quota = new RateLimiter(() => now, 2, 'bangkok-day');
    quota.count('U1');
    expect(quota.take('U1')).toBe(true);
    expect(quota.take('U1')).toBe(false);
    expect(quota.blocked('U1')).toBe(true);
    expect(quota.retryAfterSeconds('U1')).toBe(3600);
    now = new Date('2025-03-09T16:59:59Z');
    expect(quota.remaining('U1')).toBe(0);
    now = new Date('2025-03-09T17:00:00Z');
    expect(quota.remaining('U1')).toBe(2);
    expect(quota.retryAfterSeconds('U1')).toBe(0);
  });

  it('when a client is forgiven after a success, then its earlier failures no longer count; others keep theirs', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    const wrong = new RateLimiter(() => now, 2, 60_000);
    for (const who of ['a', 'b']) for (let i = 0; i < 2; i++) wrong.count(who);
    wrong.forgive('a');
    expect(wrong.blocked('a')).toBe(false);
    expect(wrong.blocked('b')).toBe(true);
  });

  it('when the LINE stand-in limits one route per second, then the third call in a second is refused and other routes are not limited', () => {
    let now = 1_000_000;
    const limits = endpointLimits({ '/v2/bot/message/multicast': 2 }, () => now);
    expect([1, 2, 3].map(() => limits.exceeded('/v2/bot/message/multicast'))).toEqual([false, false, true]);
    expect(limits.exceeded('/v2/bot/message/push')).toBe(false);
    now += 1000;
    expect(limits.exceeded('/v2/bot/message/multicast')).toBe(false);
  });
});
