import { createHmac, hkdfSync } from 'node:crypto';
import { secondsUntilFree, windowStart, type LimitWindow } from '../http/rate-limiter.js';
import type { AttemptLimiter, OneTimeValues, SharedLimits } from '../http/shared-limits.js';
import type { PoolClient } from './pool.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/**
 * A tenant's abuse limits and one-time values in PostgreSQL (limit_hits, form_nonces), so a
 * client refused by one bot process is refused by all of them, and a form used through one is
 * used for all. Who tried is a keyed hash (under a subkey of the tenant's people key), never a
 * LINE user id or an address; an attempt's row is deleted once it stops counting.
 */
export function postgresLimits(scope: TenantScope, clock: () => Date): SharedLimits {
  const key = Buffer.from(hkdfSync('sha256', scope.keys.people, Buffer.alloc(0), 'phonsai-bot:limits', 32));
  const hash = (name: string, value: string) =>
    createHmac('sha256', key).update(`${name}\0${value}`).digest('base64url');
  return {
    limiter: (name, limit, window) => new PostgresRateLimiter(scope, clock, { name, limit, window, hash }),
    oneTime: (name, keepMs) => new PostgresOneTimeValues(scope, { name, keepMs, hash }),
  };
}

/** No limit counts longer than a day, nor is a form remembered longer (see tip-channel.ts, auth-routes.ts). */
const LONGEST_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes every attempt and used form value older than a day (a limit nobody has used since
 * leaves its rows otherwise); the stores run it every hour. Returns how many rows went.
 */
export function pruneLimits(scope: TenantScope, now: Date): Promise<number> {
  const before = new Date(now.getTime() - LONGEST_MS);
  return inTenant(scope, async (c) => {
    const hits = await c.query('DELETE FROM limit_hits WHERE tenant_id = $1 AND at < $2', [scope.tenantId, before]);
    const forms = await c.query('DELETE FROM form_nonces WHERE tenant_id = $1 AND used_at < $2', [
      scope.tenantId,
      before,
    ]);
    return (hits.rowCount ?? 0) + (forms.rowCount ?? 0);
  });
}

interface LimiterSpec {
  name: string;
  limit: number;
  window: LimitWindow;
  hash: (name: string, value: string) => string;
}

/** One named limit of a tenant, counted in limit_hits (see RateLimiter for its meaning). */
export class PostgresRateLimiter implements AttemptLimiter {
  constructor(
    private readonly scope: TenantScope,
    private readonly clock: () => Date,
    private readonly spec: LimiterSpec,
  ) {}

  /** Counts and checks in one transaction, the client's attempts locked, so two processes cannot both take the last one. */
  take(who: string): Promise<boolean> {
    return this.inKey(who, async (c, whoHash, now) => {
      if ((await this.times(c, whoHash, now)).length >= this.spec.limit) return false;
      await this.insert(c, whoHash, now);
      return true;
    });
  }

  async blocked(who: string): Promise<boolean> {
    return (await this.remaining(who)) === 0;
  }

  remaining(who: string): Promise<number> {
    return this.inKey(who, async (c, whoHash, now) =>
      Math.max(0, this.spec.limit - (await this.times(c, whoHash, now)).length),
    );
  }

  async count(who: string): Promise<void> {
    await this.inKey(who, (c, whoHash, now) => this.insert(c, whoHash, now));
  }

  async forgive(who: string): Promise<void> {
    await this.inKey(who, (c, whoHash) =>
      c.query('DELETE FROM limit_hits WHERE tenant_id = $1 AND limiter = $2 AND who_hash = $3', [
        this.scope.tenantId,
        this.spec.name,
        whoHash,
      ]),
    );
  }

  retryAfterSeconds(who: string): Promise<number> {
    return this.inKey(who, async (c, whoHash, now) =>
      secondsUntilFree(this.spec.window, this.spec.limit, await this.times(c, whoHash, now), now),
    );
  }

  /** Runs `fn` in the tenant, holding a lock on this client's attempts of this limit until it commits. */
  private inKey<T>(who: string, fn: (c: PoolClient, whoHash: string, now: number) => Promise<T>): Promise<T> {
    const whoHash = this.spec.hash(this.spec.name, who);
    return inTenant(this.scope, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${this.scope.tenantId}/${this.spec.name}/${whoHash}`,
      ]);
      return fn(c, whoHash, this.clock().getTime());
    });
  }

  /** The client's attempts that still count, oldest first. */
  private async times(c: PoolClient, whoHash: string, now: number): Promise<number[]> {
    const { rows } = await c.query<{ at: Date }>(
      'SELECT at FROM limit_hits WHERE tenant_id = $1 AND limiter = $2 AND who_hash = $3 AND at > $4 ORDER BY at',
      [this.scope.tenantId, this.spec.name, whoHash, new Date(windowStart(this.spec.window, now))],
    );
    return rows.map((r) => r.at.getTime());
  }

  /** Adds an attempt and deletes this limit's attempts that no longer count (anyone's). */
  private async insert(c: PoolClient, whoHash: string, now: number): Promise<void> {
    const t = this.scope.tenantId;
    await c.query('DELETE FROM limit_hits WHERE tenant_id = $1 AND limiter = $2 AND at <= $3', [
      t,
      this.spec.name,
      new Date(windowStart(this.spec.window, now)),
    ]);
    await c.query('INSERT INTO limit_hits (tenant_id, limiter, who_hash, at) VALUES ($1, $2, $3, $4)', [
      t,
      this.spec.name,
      whoHash,
      new Date(now),
    ]);
  }
}

/** One named set of one-time values of a tenant (form_nonces), each kept as a keyed hash. */
export class PostgresOneTimeValues implements OneTimeValues {
  constructor(
    private readonly scope: TenantScope,
    private readonly spec: { name: string; keepMs: number; hash: (name: string, value: string) => string },
  ) {}

  async wasUsed(value: string, now: Date): Promise<boolean> {
    const { rowCount } = await inTenant(this.scope, (c) =>
      c.query('SELECT 1 FROM form_nonces WHERE tenant_id = $1 AND form = $2 AND nonce_hash = $3 AND used_at > $4', [
        this.scope.tenantId,
        this.spec.name,
        this.spec.hash(this.spec.name, value),
        new Date(now.getTime() - this.spec.keepMs),
      ]),
    );
    return (rowCount ?? 0) > 0;
  }

  /** The primary key decides: of two processes marking one value at once, one inserts and the other is told no. */
  markUsed(value: string, now: Date): Promise<boolean> {
    const t = this.scope.tenantId;
    const expired = new Date(now.getTime() - this.spec.keepMs);
    return inTenant(this.scope, async (c) => {
      await c.query('DELETE FROM form_nonces WHERE tenant_id = $1 AND form = $2 AND used_at <= $3', [
        t,
        this.spec.name,
        expired,
      ]);
      const { rowCount } = await c.query(
        `INSERT INTO form_nonces (tenant_id, form, nonce_hash, used_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, form, nonce_hash) DO NOTHING`,
        [t, this.spec.name, this.spec.hash(this.spec.name, value), now],
      );
      return (rowCount ?? 0) > 0;
    });
  }
}
