import type { Logger } from '../../logger.js';
import type { FriendStore } from './friend-store.js';
import { DueTimer } from '../../due-timer.js';
import type { Timers } from '../../timers.js';
import { addBangkokDays } from '../../thai/bangkok-time.js';
import { BLOCKED_RETENTION_DAYS } from '../chat/privacy-notice.js';

const EVERY_MS = 6 * 3600_000;

/**
 * Keeps what the privacy notice promises: a friend who blocked the account is forgotten
 * after BLOCKED_RETENTION_DAYS, and erased records leave the file (a rewrite) within hours.
 * Runs at start and every six hours.
 */
export function startFriendRetention(deps: {
  friends: FriendStore;
  clock: () => Date;
  timers: Timers;
  logger: Logger;
}): { settled(): Promise<void>; close(): Promise<void> } {
  const { friends, clock, logger } = deps;
  const timer: DueTimer = new DueTimer(
    deps.timers,
    clock,
    async () => {
      const cutoff = addBangkokDays(clock(), -BLOCKED_RETENTION_DAYS);
      const purged = await friends.purgeBlocked(cutoff);
      await friends.dropErased();
      if (purged > 0) logger.info('friends who blocked long ago forgotten', { count: purged });
      timer.arm(new Date(clock().getTime() + EVERY_MS));
    },
    (err) => logger.error('friend retention failed', { error: (err as Error).name }),
    EVERY_MS,
  );
  void timer.fire();
  return { settled: () => timer.settled(), close: () => timer.close() };
}
