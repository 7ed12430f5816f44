import { createHmac, hkdfSync } from 'node:crypto';
import { secondsUntilFree, windowStart, type LimitWindow } from '../http/rate-limiter.js';
import type { AttemptLimiter } from '../http/shared-limits.js';
import type { Pool } from './pool.js';

/** The part of a limiter that brakes failures (wrong tokens): checked before, counted after. */
export type FailureBrake = Pick<AttemptLimiter, 'blocked' | 'remaining' | 'count' | 'retryAfterSeconds'>;

/**
 * A limit of the service itself, not of a municipality (the administrator's wrong tokens), in
 * service_limit_hits: every process of the service counts the same attempts. The table has no
 * tenant and no row-level security; it is used as the service's own database user, never as
 * bot_tenant. Who tried is an HMAC under a subkey of SERVICE_KEY, never the address itself.
 * It counts failures only (`blocked` before the check, `count` after a failure), so each call
 * is one statement: no transaction or lock is needed, as none has to win a last attempt.
 */
export class ServiceRateLimiter implements FailureBrake {
  private readonly key: Buffer;

  constructor(
    private readonly pool: Pool,
    serviceKey: Buffer,
    private readonly spec: { name: string; limit: number; window: LimitWindow; clock: () => Date },
  ) {
    this.key = Buffer.from(hkdfSync('sha256', serviceKey, Buffer.alloc(0), 'phonsai-bot:service-limits', 32));
  }

  async blocked(who: string): Promise<boolean> {
    return (await this.remaining(who)) === 0;
  }

  async remaining(who: string): Promise<number> {
    return Math.max(0, this.spec.limit - (await this.times(who)).length);
  }

  /** Records a failure, and in the same statement drops this limit's attempts that no longer count (anyone's). */
  async count(who: string): Promise<void> {
    const now = this.spec.clock().getTime();
    await this.pool.query(
      `WITH gone AS (DELETE FROM service_limit_hits WHERE limiter = $1 AND at <= $4)
       INSERT INTO service_limit_hits (limiter, who_hash, at) VALUES ($1, $2, $3)`,
      [this.spec.name, this.hash(who), new Date(now), new Date(windowStart(this.spec.window, now))],
    );
  }

  async retryAfterSeconds(who: string): Promise<number> {
    const now = this.spec.clock().getTime();
    return secondsUntilFree(this.spec.window, this.spec.limit, await this.times(who, now), now);
  }

  private hash(who: string): string {
    return createHmac('sha256', this.key).update(`${this.spec.name}\0${who}`).digest('base64url');
  }

  /** The client's attempts that still count, oldest first. */
  private async times(who: string, now = this.spec.clock().getTime()): Promise<number[]> {
    const { rows } = await this.pool.query<{ at: Date }>(
      'SELECT at FROM service_limit_hits WHERE limiter = $1 AND who_hash = $2 AND at > $3 ORDER BY at',
      [this.spec.name, this.hash(who), new Date(windowStart(this.spec.window, now))],
    );
    return rows.map((r) => r.at.getTime());
  }
}
