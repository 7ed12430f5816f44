import { describe, expect, it } from 'vitest';
import { LineApiError, type LineGateway } from '../../src/line/line-gateway.js';
import { LocalLineLimits, pacedGateway, type LineEndpoint, type LineLimits } from '../../src/line/line-pacing.js';

const USER = `U${'1'.repeat(32)}`;
const TEXT = [{ type: 'text' as const, text: 'สวัสดี' }];

/** Limits that hand out the given waits in turn and note every call. */
function scriptedLimits(waits: number[] = []): LineLimits & { asked: LineEndpoint[]; held: Array<[string, number]> } {
  const asked: LineEndpoint[] = [];
  const held: Array<[string, number]> = [];
  return {
    asked,
    held,
    slot: (endpoint) => (asked.push(endpoint), Promise.resolve(waits.shift() ?? 0)),
    holdOff: (endpoint, ms) => (held.push([endpoint, ms]), Promise.resolve()),
  };
}

/** A gateway whose push fails with `error` (or succeeds), counting the calls that reached it. */
function fakeLine(error?: LineApiError): LineGateway & { calls: number } {
  const line = {
    calls: 0,
    push: () => ((line.calls += 1), error ? Promise.reject(error) : Promise.resolve({ requestId: 'r' })),
  };
  return line as unknown as LineGateway & { calls: number };
}

describe('pacing LINE calls by slots', () => {
  it('when LINE answers 429 "too many requests", then the endpoint is held back a second for every sender', async () => {
    const limits = scriptedLimits();
    const line = pacedGateway(fakeLine(new LineApiError('push', 429, '{"message":"Too Many Requests"}', null)), limits);
    await expect(line.push(USER, TEXT, 'key')).rejects.toMatchObject({ status: 429 });
    expect(limits.held).toEqual([['push', 1000]]);
  });

  it('when LINE says the monthly limit is spent, then nothing is held back (no waiting helps)', async () => {
    const limits = scriptedLimits();
    const monthly = new LineApiError('push', 429, '{"message":"You have reached your monthly limit."}', null);
    await expect(pacedGateway(fakeLine(monthly), limits).push(USER, TEXT, 'key')).rejects.toBe(monthly);
    expect(limits.held).toEqual([]);
  });

  it('when a slot is due later, then the call waits for it; when woken far too late, it takes one new slot', async () => {
    const fired: number[] = [];
    // A timer that fires 50 ms late the first time (a busy event loop), on time after
    let late = 50;
    const timers = {
      setTimeout: (fn: () => void, ms: number) => {
        fired.push(ms);
        const handle = setTimeout(fn, ms + late);
        late = 0;
        return handle;
      },
      clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
    };
    const limits = scriptedLimits([30, 10]);
    const inner = fakeLine();
    await pacedGateway(inner, limits, timers).push(USER, TEXT, 'key');
    expect(fired).toEqual([30, 10]);
    expect(limits.asked).toEqual(['push', 'push']);
    expect(inner.calls).toBe(1);
  });

  it('when pacing locally at a tenth of the rate, then the burst shrinks with it', async () => {
    let now = 0;
    const local = new LocalLineLimits({ ...rates(), multicast: { perSecond: 200, burst: 5 } }, 0.1, () => now);
    const waits = [];
    for (let i = 0; i < 4; i += 1) waits.push(await local.slot('multicast'));
    // 20 a second, burst 1: one every 50 ms from the first
    expect(waits).toEqual([0, 50, 100, 150]);
    now = 10_000;
    expect(await local.slot('multicast')).toBe(0);
  });
});

function rates() {
  const one = { perSecond: 10, burst: 1 };
  return { reply: one, push: one, multicast: one, loading: one, broadcast: one };
}
