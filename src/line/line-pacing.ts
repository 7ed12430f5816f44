import { Pacer } from './pacer.js';
import { realTimers, type Timers } from '../timers.js';
import type { LineGateway } from './line-gateway.js';
import { outcomeOf } from './line-outcome.js';

/** The LINE endpoints with a per-channel rate limit that the bot paces. */
export type LineEndpoint = 'reply' | 'push' | 'multicast' | 'broadcast' | 'loading';

/** On average `perSecond`; at most perSecond + burst requests in any one second. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/**
 * LINE's limits per channel (../shared/line-openapi/README.md: reply and push 2,000 requests
 * per second, multicast 200, the loading dots 100, broadcast 60 an hour), less a margin. A slot
 * is reserved before its request leaves, and a late timer keeps it (no catch-up burst is
 * needed, so burst is 1); but requests leave their slots a little late by differing amounts,
 * and LINE counts arrivals. The margin (15 of 200 for multicast: 80 ms at that rate) absorbs
 * that spread. Measured with two processes flooding one channel: test/db/line-limits-postgres.test.ts.
 */
export const LINE_RATES: Record<LineEndpoint, Rate> = {
  reply: { perSecond: 1850, burst: 1 },
  push: { perSecond: 1850, burst: 1 },
  multicast: { perSecond: 185, burst: 1 },
  loading: { perSecond: 90, burst: 1 },
  // Ten at once, then one every 72 s: at most 50 + 10 in any hour
  broadcast: { perSecond: 50 / 3600, burst: 10 },
};

/** One channel's request slots, shared by whoever sends for that channel. */
export interface LineLimits {
  /** Takes the next slot of `endpoint`; resolves with the milliseconds to wait before sending. */
  slot(endpoint: LineEndpoint): Promise<number>;
  /** LINE answered "too many requests": no request to `endpoint` for `ms`. */
  holdOff(endpoint: LineEndpoint, ms: number): Promise<void>;
}

/**
 * Slots counted in this process only (the GCRA of src/publications/pacing.ts per endpoint):
 * what a process falls back to when the shared limits cannot be reached, at `share` of each
 * rate, so that 1/share processes together still stay within LINE's limits.
 */
export class LocalLineLimits implements LineLimits {
  private readonly pacers = new Map<LineEndpoint, Pacer>();

  constructor(
    private readonly rates: Record<LineEndpoint, Rate> = LINE_RATES,
    private readonly share = 1,
    private readonly now: () => number = Date.now,
  ) {}

  slot(endpoint: LineEndpoint): Promise<number> {
    const pacer = this.pacer(endpoint);
    const now = this.now();
    const wait = pacer.wait(now);
    pacer.take(now + wait);
    return Promise.resolve(wait);
  }

  holdOff(endpoint: LineEndpoint, ms: number): Promise<void> {
    this.pacer(endpoint).holdOff(this.now(), ms);
    return Promise.resolve();
  }

  private pacer(endpoint: LineEndpoint): Pacer {
    let pacer = this.pacers.get(endpoint);
    if (!pacer) {
      const { perSecond, burst } = this.rates[endpoint];
      // The burst shrinks with the rate: 1/share processes together stay within rate + burst
      pacer = new Pacer(perSecond * this.share, Math.max(1, Math.floor(burst * this.share)));
      this.pacers.set(endpoint, pacer);
    }
    return pacer;
  }
}

/** How long every sender of the channel holds back after LINE answered 429 (not the monthly limit). */
const HOLD_OFF_MS = 1000;
/**
 * A request woken this much after its slot (a busy event loop) takes a new slot instead of
 * going late, where it would crowd the requests whose slots come next; it does so once, so
 * a process that is late all the time still sends. A wait of a second or more (a hold-off,
 * the broadcast's minute) is left alone: 20 ms crowd nobody there.
 */
const LATE_MS = 20;
const SHORT_WAIT_MS = 1000;

/**
 * The gateway with every paced call waiting for its slot first. The waits are real time
 * (slots from PostgreSQL follow the database's clock), so they use Node's timers, not a
 * test's manual ones; a slot that is due now sends at once, without a timer.
 */
export function pacedGateway(line: LineGateway, limits: LineLimits, timers: Timers = realTimers): LineGateway {
  const turn = async (endpoint: LineEndpoint) => {
    for (let tries = 0; ; tries += 1) {
      const wait = await limits.slot(endpoint);
      if (wait <= 0) return;
      const due = performance.now() + wait;
      await new Promise<void>((resolve) => timers.setTimeout(resolve, wait));
      if (tries > 0 || wait >= SHORT_WAIT_MS || performance.now() - due <= LATE_MS) return;
    }
  };
  const paced = async <T>(endpoint: LineEndpoint, call: () => Promise<T>): Promise<T> => {
    await turn(endpoint);
    try {
      return await call();
    } catch (err) {
      if (outcomeOf(err).kind === 'throttled') await limits.holdOff(endpoint, HOLD_OFF_MS).catch(() => undefined);
      throw err;
    }
  };
  return {
    reply: (token, messages, opts) => paced('reply', () => line.reply(token, messages, opts)),
    push: (to, messages, key) => paced('push', () => line.push(to, messages, key)),
    multicast: (to, messages, key) => paced('multicast', () => line.multicast(to, messages, key)),
    broadcast: (messages, key) => paced('broadcast', () => line.broadcast(messages, key)),
    showLoading: (to, seconds) => paced('loading', () => line.showLoading(to, seconds)),
    getContent: (id, max) => line.getContent(id, max),
  };
}
