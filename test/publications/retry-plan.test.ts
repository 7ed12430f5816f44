import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLineGateway, LineApiError } from '../../src/line/line-gateway.js';
import { outcomeOf } from '../../src/line/line-outcome.js';
import { FAN_OUT_DEFAULTS } from '../../src/publications/fan-out-options.js';
import { retryPlan } from '../../src/publications/retry-plan.js';
import { multicastStandIn } from './multicast-stand-in.js';

const NOW = Date.parse('2026-03-01T02:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('retryPlan: when a batch LINE did not take goes again', () => {
  it('when attempts grow, then the wait doubles from 1 s with jitter between half and all of it, up to 10 minutes', () => {
    const waits = [1, 2, 3, 12].map((attempts) => [
      retryPlan({ attempts, ambiguousSince: null }, NOW, FAN_OUT_DEFAULTS, () => 0),
      retryPlan({ attempts, ambiguousSince: null }, NOW, FAN_OUT_DEFAULTS, () => 1),
    ]);
    expect(waits).toEqual([
      [{ delayMs: 500 }, { delayMs: 1000 }],
      [{ delayMs: 1000 }, { delayMs: 2000 }],
      [{ delayMs: 2000 }, { delayMs: 4000 }],
      [{ delayMs: 300_000 }, { delayMs: 600_000 }],
    ]);
  });

  it('when LINE asked for a longer wait (Retry-After), then that wait, but never more than the longest backoff', () => {
    const batch = { attempts: 1, ambiguousSince: null };
    expect(retryPlan(batch, NOW, FAN_OUT_DEFAULTS, () => 1, 30_000)).toEqual({ delayMs: 30_000 });
    expect(retryPlan(batch, NOW, FAN_OUT_DEFAULTS, () => 1, 3600_000)).toEqual({ delayMs: 600_000 });
    expect(retryPlan(batch, NOW, FAN_OUT_DEFAULTS, () => 1, 200)).toEqual({ delayMs: 1000 });
  });

  it('when the next wait would end past 24 hours after the first unanswered attempt, then the batch fails with why; a batch LINE only refused has no such end', () => {
    const old = { attempts: 180, ambiguousSince: at(-24 * 3600_000 + 599_999) };
    expect(retryPlan(old, NOW, FAN_OUT_DEFAULTS, () => 1)).toEqual({
      failed: 'no answer from LINE for 24 hours after 180 attempts; retrying later could deliver twice',
    });
    expect(retryPlan({ ...old, ambiguousSince: at(-24 * 3600_000 + 600_000) }, NOW, FAN_OUT_DEFAULTS, () => 1)).toEqual(
      { delayMs: 600_000 },
    );
    expect(retryPlan({ attempts: 180, ambiguousSince: null }, NOW, FAN_OUT_DEFAULTS, () => 1)).toEqual({
      delayMs: 600_000,
    });
  });
});

describe("the gateway reads LINE's Retry-After", () => {
  const throttledWith = async (retryAfter: string | undefined) => {
    const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': retryAfter };
    const stand = await multicastStandIn('token', 0, () => ({
      status: 429,
      body: { message: 'Too Many Requests' },
      headers,
    }));
    try {
      const line = createLineGateway({ channelAccessToken: 'token', apiBaseUrl: stand.url });
      const err = await line
        .multicast([`U${'a'.repeat(32)}`], [{ type: 'text', text: 'ข่าว' }], randomUUID())
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LineApiError);
      return outcomeOf(err);
    } finally {
      await stand.close();
    }
  };

  it('when LINE answers 429 with Retry-After in seconds or as a date, then the outcome carries the wait; without it, none', async () => {
    expect(await throttledWith('7')).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
    const dated = await throttledWith(new Date(Date.now() + 60_000).toUTCString());
    expect(dated.kind === 'throttled' && dated.retryAfterMs).toBeGreaterThan(58_000);
    expect(dated.kind === 'throttled' && dated.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(await throttledWith(undefined)).not.toHaveProperty('retryAfterMs');
    expect(await throttledWith('soon')).not.toHaveProperty('retryAfterMs');
  });
});
