import { describe, expect, it } from 'vitest';
import { DueTimer } from '../src/due-timer.js';
import { manualTime } from './helpers/manual-time.js';

function dueTimer(runs: Date[], errors: unknown[] = [], work?: () => Promise<void>) {
  const time = manualTime('2026-01-20T02:00:00Z');
  const timer = new DueTimer(
    time,
    time.now,
    work ??
      (() => {
        runs.push(time.now());
        return Promise.resolve();
      }),
    (err) => errors.push(err),
  );
  return { time, timer };
}

describe('DueTimer', () => {
  it('when armed for a time 10 seconds ahead, then it runs at that time and not before', async () => {
    const runs: Date[] = [];
    const { time, timer } = dueTimer(runs);
    timer.arm(new Date('2026-01-20T02:00:10Z'));
    await time.advance(9_999, () => timer.settled());
    expect(runs).toEqual([]);
    await time.advance(1, () => timer.settled());
    expect(runs.map((d) => d.toISOString())).toEqual(['2026-01-20T02:00:10.000Z']);
  });

  it('when the next thing is due in an hour or nothing is due, then it still looks again after a minute', async () => {
    const runs: Date[] = [];
    const { time, timer } = dueTimer(runs);
    timer.arm(new Date('2026-01-20T03:00:00Z'));
    expect(time.pending()).toEqual([60_000]);
    timer.arm(null);
    expect(time.pending()).toEqual([60_000]);
    await time.advance(60_000, () => timer.settled());
    expect(runs).toHaveLength(1);
  });

  it('when a run fails, then the error is reported and the next run still happens', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const { timer } = dueTimer([], errors, () =>
      ++calls === 1 ? Promise.reject(new Error('disk')) : Promise.resolve(),
    );
    await timer.fire();
    await timer.fire();
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('disk')]);
  });

  it('when closed, then nothing is left waiting and arming does nothing', async () => {
    const runs: Date[] = [];
    const { time, timer } = dueTimer(runs);
    timer.arm(new Date('2026-01-20T02:00:05Z'));
    await timer.close();
    timer.arm(new Date('2026-01-20T02:00:05Z'));
    expect(time.pending()).toEqual([]);
    await timer.fire();
    expect(runs).toEqual([]);
  });
});
