import { describe, expect, it } from 'vitest';
import { ClaimLoop } from '../../src/publications/claim-loop.js';
import { manualTime } from '../helpers/manual-time.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

/** A shared batch table stand-in: `free` batches wait to be claimed; each round claims up to `limit`. */
function sender(free: number, fail = false) {
  const rounds: number[] = [];
  let left = free;
  return {
    rounds,
    add(n: number) {
      left += n;
    },
    round(limit: number) {
      if (fail) return Promise.reject(new Error('database gone'));
      const claimed = Math.min(limit, left);
      left -= claimed;
      rounds.push(claimed);
      return Promise.resolve(claimed);
    },
  };
}

describe('ClaimLoop: claims a tenant shared batches in rounds', () => {
  it('when batches are planned here, then rounds run until none is left to claim, and several kicks make one drain', async () => {
    const time = manualTime('2026-03-01T02:00:00Z');
    const s = sender(25);
    const loop = new ClaimLoop(s, time, createMemoryLogger(), 5000);
    loop.enqueue();
    loop.enqueue();
    loop.enqueue();
    await loop.idle();
    // 25 free: rounds of 10, 10, 5, then one that finds none; the kicks waiting behind the first add none
    expect(s.rounds).toEqual([10, 10, 5, 0]);
    await loop.close();
  });

  it('when another process plans batches, then they are claimed at the next look, and none after close', async () => {
    const time = manualTime('2026-03-01T02:00:00Z');
    const s = sender(0);
    const loop = new ClaimLoop(s, time, createMemoryLogger(), 5000);
    s.add(3);
    await time.advance(4999, () => loop.idle());
    expect(s.rounds).toEqual([]);
    await time.advance(1, () => loop.idle());
    expect(s.rounds).toEqual([3, 0]);
    await loop.close();
    s.add(2);
    await time.advance(20_000, () => loop.idle());
    expect(s.rounds).toEqual([3, 0]);
    expect(time.pending()).toEqual([]);
  });

  it('when the loop has several workers, then that many rounds run side by side until none finds a batch', async () => {
    const time = manualTime('2026-03-01T02:00:00Z');
    let [free, running, most] = [95, 0, 0];
    const claimed: number[] = [];
    const slow = {
      async round(limit: number) {
        running += 1;
        most = Math.max(most, running);
        const n = Math.min(limit, free);
        free -= n;
        // One request at a time in each round: others run meanwhile
        await new Promise((r) => setImmediate(r));
        running -= 1;
        claimed.push(n);
        return n;
      },
    };
    const loop = new ClaimLoop(slow, time, createMemoryLogger(), 5000, 4);
    loop.enqueue();
    await loop.idle();
    expect(most).toBe(4);
    expect(claimed.reduce((a, b) => a + b, 0)).toBe(95);
    // Each worker stops after its first empty round
    expect(claimed.filter((n) => n === 0)).toHaveLength(4);
    await loop.close();
  });

  it('when batches are let go for 1.5 s and for 4 s, then the loop looks at 1.5 s, long before its poll, keeps only the soonest look, and none after close', async () => {
    const time = manualTime('2026-03-01T02:00:00Z');
    const s = sender(0);
    const loop = new ClaimLoop(s, time, createMemoryLogger(), 60_000, 1, () => time.now());
    loop.wakeIn(4000);
    loop.wakeIn(1500);
    loop.wakeIn(3000);
    expect(time.pending()).toEqual([1500, 60_000]);
    s.add(2);
    await time.advance(1499, () => loop.idle());
    expect(s.rounds).toEqual([]);
    await time.advance(1, () => loop.idle());
    expect(s.rounds).toEqual([2, 0]);
    // The next let-go batch sets a new look; close clears it with the poll
    loop.wakeIn(2000);
    await loop.close();
    s.add(1);
    await time.advance(70_000, () => loop.idle());
    expect(s.rounds).toEqual([2, 0]);
    expect(time.pending()).toEqual([]);
  });

  it('when a round fails, then it is logged, and the loop looks again at the next poll', async () => {
    const time = manualTime('2026-03-01T02:00:00Z');
    const logger = createMemoryLogger();
    const loop = new ClaimLoop(sender(1, true), time, logger, 5000);
    loop.enqueue();
    await loop.idle();
    expect(logger.lines.filter((l) => l.msg === 'delivery round failed')).toHaveLength(1);
    await time.advance(5000, () => loop.idle());
    expect(logger.lines.filter((l) => l.msg === 'delivery round failed')).toHaveLength(2);
    await loop.close();
  });
});
