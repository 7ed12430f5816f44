import { createHmac, randomBytes } from 'node:crypto';
import { bangkokParts } from '../thai/date.js';

/**
 * At most N tips per LINE user per Bangkok day, without keeping anything that links a user
 * to a tip: the counter is keyed by an HMAC under a random key made for that day and kept
 * only in memory; at the next day both key and counters are dropped. Nothing is written to
 * disk, so no file can tell who reported on which day (a restart forgives the day's count,
 * which is the price of that).
 */
export class DailyQuota {
  private day = '';
  private key = randomBytes(32);
  private readonly counts = new Map<string, number>();

  constructor(readonly perDay: number) {}

  private slot(userId: string, now: Date): string {
    const p = bangkokParts(now);
    const day = `${p.year}-${p.month}-${p.day}`;
    if (day !== this.day) {
      this.day = day;
      this.key = randomBytes(32);
      this.counts.clear();
    }
    return createHmac('sha256', this.key).update(userId).digest('base64url');
  }

  remaining(userId: string, now: Date): number {
    return Math.max(0, this.perDay - (this.counts.get(this.slot(userId, now)) ?? 0));
  }

  /** Counts one filed tip. */
  use(userId: string, now: Date): void {
    const slot = this.slot(userId, now);
    this.counts.set(slot, (this.counts.get(slot) ?? 0) + 1);
  }
}
