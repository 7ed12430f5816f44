import { LINE_RATES, LocalLineLimits, type LineEndpoint, type LineLimits, type Rate } from '../line/line-pacing.js';
import type { Logger } from '../logger.js';
import { realTimers, withTimeout } from '../timers.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/**
 * Takes $3 seconds of slots in one statement, on the database's clock (so processes on
 * machines whose clocks differ still agree): the GCRA's "theoretical arrival time" moves from
 * max(tat, now) by that much. Answers how far ahead of now the new tat is. The row lock makes
 * processes asking at once take consecutive slots.
 */
const TAKE = `WITH c AS (SELECT clock_timestamp() AS now)
INSERT INTO line_rate_limits AS l (tenant_id, endpoint, tat)
SELECT $1, $2, c.now + make_interval(secs => $3) FROM c
ON CONFLICT (tenant_id, endpoint) DO UPDATE SET tat = greatest(l.tat, (SELECT now FROM c)) + make_interval(secs => $3)
RETURNING extract(epoch FROM l.tat - (SELECT now FROM c))::float8 * 1000 AS ahead_ms`;

/** Nobody's next slot comes before now + $3 seconds. */
const HOLD_OFF = `WITH c AS (SELECT clock_timestamp() + make_interval(secs => $3) AS until)
INSERT INTO line_rate_limits AS l (tenant_id, endpoint, tat)
SELECT $1, $2, c.until FROM c
ON CONFLICT (tenant_id, endpoint) DO UPDATE SET tat = greatest(l.tat, (SELECT until FROM c))`;

export interface SharedLineLimitsOptions {
  logger: Logger;
  rates?: Record<LineEndpoint, Rate>;
  /** A slot the database has not given within this long is taken locally. */
  timeoutMs?: number;
  /** After a failure, slots are taken locally for this long before the database is asked again. */
  retryAfterMs?: number;
  /** The part of each rate one process uses while pacing locally (0.1: ten processes stay within LINE's limit). */
  fallbackShare?: number;
}

type Asker = (waitMs: number) => void;

/**
 * One tenant's LINE rate limits shared by every bot process, in its rows of line_rate_limits
 * (a GCRA per endpoint: src/line/pacer.ts is the same rule in one process). Askers
 * that arrive while a statement is on its way are served together by the next one. If the
 * database fails or is slow, no message is dropped or held: slots are taken locally at a
 * tenth of each rate (safe while at most ten processes send for one municipality), and the
 * database is asked again after `retryAfterMs`.
 */
export class PostgresLineLimits implements LineLimits {
  private readonly rates: Record<LineEndpoint, Rate>;
  private readonly local: LocalLineLimits;
  private readonly waiting = new Map<LineEndpoint, Asker[]>();
  private readonly asking = new Set<LineEndpoint>();
  private localUntil = 0;

  constructor(
    private readonly scope: TenantScope,
    private readonly opts: SharedLineLimitsOptions,
  ) {
    this.rates = opts.rates ?? LINE_RATES;
    this.local = new LocalLineLimits(this.rates, opts.fallbackShare ?? 0.1);
  }

  slot(endpoint: LineEndpoint): Promise<number> {
    if (Date.now() < this.localUntil) return this.local.slot(endpoint);
    return new Promise((resolve) => {
      this.waiting.set(endpoint, [...(this.waiting.get(endpoint) ?? []), resolve]);
      this.ask(endpoint);
    });
  }

  async holdOff(endpoint: LineEndpoint, ms: number): Promise<void> {
    await this.local.holdOff(endpoint, ms);
    if (Date.now() < this.localUntil) return;
    const seconds = (ms + this.toleranceMs(endpoint)) / 1000;
    await inTenant(this.scope, (c) => c.query(HOLD_OFF, [this.scope.tenantId, endpoint, seconds]));
  }

  /** Serves everyone waiting for `endpoint` with one statement, unless one is on its way already. */
  private ask(endpoint: LineEndpoint): void {
    const askers = this.waiting.get(endpoint) ?? [];
    if (this.asking.has(endpoint) || askers.length === 0) return;
    this.waiting.delete(endpoint);
    this.asking.add(endpoint);
    void this.waits(endpoint, askers.length)
      .then((waits) => askers.forEach((asker, i) => asker(waits[i]!)))
      .finally(() => {
        this.asking.delete(endpoint);
        this.ask(endpoint);
      });
  }

  /** The waits of `n` consecutive slots: from the database, or from the local pace when it fails. */
  private async waits(endpoint: LineEndpoint, n: number): Promise<number[]> {
    if (Date.now() >= this.localUntil) {
      try {
        const waits = await this.take(endpoint, n);
        if (this.localUntil > 0) this.opts.logger.info('shared LINE pacing is back', { endpoint });
        this.localUntil = 0;
        return waits;
      } catch (err) {
        if (Date.now() >= this.localUntil)
          this.opts.logger.warn('shared LINE pacing unavailable: pacing locally', {
            endpoint,
            error: (err as Error).name,
            share: this.opts.fallbackShare ?? 0.1,
          });
        this.localUntil = Date.now() + (this.opts.retryAfterMs ?? 5_000);
      }
    }
    return Promise.all(Array.from({ length: n }, () => this.local.slot(endpoint)));
  }

  private async take(endpoint: LineEndpoint, n: number): Promise<number[]> {
    const gapMs = 1000 / this.rates[endpoint].perSecond;
    const query = inTenant(this.scope, (c) =>
      c.query<{ ahead_ms: number }>(TAKE, [this.scope.tenantId, endpoint, (n * gapMs) / 1000]),
    );
    const { rows } = await withTimeout(query, this.opts.timeoutMs ?? 1_000, realTimers);
    // Where the first of the n slots starts, from now: max(old tat, now) - now
    const first = rows[0]!.ahead_ms - n * gapMs;
    const tolerance = this.toleranceMs(endpoint);
    // Whole milliseconds (timers have no finer grain; interval arithmetic rounds to microseconds)
    return Array.from({ length: n }, (_, i) => Math.max(0, Math.round(first + i * gapMs - tolerance)));
  }

  /** How far ahead of its slot a request may go (a burst after a quiet spell). */
  private toleranceMs(endpoint: LineEndpoint): number {
    const { perSecond, burst } = this.rates[endpoint];
    return (Math.max(1, burst) - 1) * (1000 / perSecond);
  }
}
