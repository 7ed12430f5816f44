import { randomUUID } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import { isUserId } from '../line/ids.js';
import { isTransient, LineApiError, type LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import { outcomeOf } from '../line/line-outcome.js';

type Message = messagingApi.Message;

/**
 * LINE's reply tokens are good for about a minute from when LINE sent the event. The bot
 * counts from its own acknowledgement, a little later, so it stops trying well before.
 */
export const REPLY_WINDOW_MS = 50_000;
/** An attempt with less time than this left is not worth starting. */
const MIN_ATTEMPT_MS = 500;
/** A bound on retries whatever the clocks say (backoff reaches 4 s; 50 s hold about 16). */
const MAX_REPLY_ATTEMPTS = 20;
/** Replies on their way to LINE at once (each is one open connection). */
export const MAX_SENDING = 256;

export interface ReplyJob {
  eventId: string;
  replyToken: string | undefined;
  /** When the event was acknowledged (ms since epoch): the reply token ages from here. */
  receivedAt: number;
  userId: string | null;
  messages: Message[];
  /** Push when the token is gone (a receipt, a confirmation): see BotContext.replyEssential. */
  mustArrive: boolean;
}

/** How a reply ended, appended to the event's log line. */
export type ReplyOutcome = 'replied' | 'pushed' | 'reply-expired' | 'reply-failed' | 'push-failed';

export interface ReplySenderOptions {
  line: Pick<LineGateway, 'reply' | 'push'>;
  logger: Logger;
  /** Milliseconds since epoch (the dispatcher's clock). */
  now: () => number;
  replyWindowMs?: number;
  /** Backoff before the n-th retry: about firstDelayMs × 2^n (jittered), at most maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts for a push (same X-Line-Retry-Key each time). */
  pushAttempts?: number;
  maxSending?: number;
  random?: () => number;
}

/**
 * Sends one event's reply so that it arrives: a reply that fails with a 5xx, a network error
 * or a timeout is tried again with backoff while its token is fresh (LINE refuses a token
 * used once, so a retry never answers twice); an essential reply whose token is gone is
 * pushed, with one X-Line-Retry-Key for all its attempts (LINE answers 409 to a repeat).
 */
export class ReplySender {
  private sending = 0;
  private readonly slotWaiters: Array<() => void> = [];

  constructor(private readonly o: ReplySenderOptions) {}

  async send(job: ReplyJob): Promise<ReplyOutcome> {
    const replied = job.replyToken ? await this.reply(job, job.replyToken) : 'gone';
    if (replied !== 'gone') return replied;
    if (!job.mustArrive || !isUserId(job.userId)) return 'reply-expired';
    return this.push(job, job.userId);
  }

  private async reply(job: ReplyJob, token: string): Promise<'replied' | 'reply-failed' | 'gone'> {
    // The token's age: on the bot's clock at the start, then by the monotonic clock.
    const startAge = this.o.now() - job.receivedAt;
    const startedAt = performance.now();
    const timeLeft = () => (this.o.replyWindowMs ?? REPLY_WINDOW_MS) - startAge - (performance.now() - startedAt);
    // An earlier attempt may have reached LINE without our hearing back.
    let maybeDelivered = false;
    for (let attempt = 0; attempt < MAX_REPLY_ATTEMPTS; attempt++) {
      try {
        // Time left is read once a sending slot is free: the wait for one ages the token too.
        const sent = await this.limited(async () => {
          const left = timeLeft();
          if (left < MIN_ATTEMPT_MS) return false;
          await this.o.line.reply(token, job.messages, { timeoutMs: left });
          return true;
        });
        return sent ? 'replied' : 'gone';
      } catch (err) {
        // A token refused after an unanswered attempt was most likely used by that attempt.
        if (isTokenRefused(err)) return maybeDelivered ? 'replied' : 'gone';
        this.warn('LINE reply failed', job.eventId, err, attempt);
        if (!isTransient(err)) return 'reply-failed';
        maybeDelivered ||= (err as LineApiError).status !== 429;
        await this.sleep(Math.min(this.backoff(attempt), timeLeft() - MIN_ATTEMPT_MS));
      }
    }
    return 'gone';
  }

  private async push(job: ReplyJob, userId: string): Promise<'pushed' | 'push-failed'> {
    const retryKey = randomUUID();
    const attempts = this.o.pushAttempts ?? 5;
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        await this.limited(() => this.o.line.push(userId, job.messages, retryKey));
        return 'pushed';
      } catch (err) {
        // 409: LINE took this retry key before. The monthly quota used up is not worth retrying.
        const outcome = outcomeOf(err).kind;
        if (outcome === 'accepted') return 'pushed';
        this.warn('LINE push of a reply failed', job.eventId, err, attempt);
        if (outcome !== 'retry' && outcome !== 'throttled') return 'push-failed';
        if (attempt + 1 < attempts) await this.sleep(this.backoff(attempt));
      }
    }
    return 'push-failed';
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.o.maxDelayMs ?? 4_000, (this.o.firstDelayMs ?? 250) * 2 ** attempt);
    return ceiling / 2 + (this.o.random ?? Math.random)() * (ceiling / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }

  /** At most maxSending calls to LINE at once; the others wait their turn in order. */
  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.sending >= (this.o.maxSending ?? MAX_SENDING)) await new Promise<void>((r) => this.slotWaiters.push(r));
    else this.sending += 1;
    try {
      return await fn();
    } finally {
      const next = this.slotWaiters.shift();
      if (next) next();
      else this.sending -= 1;
    }
  }

  private warn(msg: string, eventId: string, err: unknown, attempt: number): void {
    if (err instanceof LineApiError) {
      this.o.logger.warn(msg, {
        eventId,
        attempt: attempt + 1,
        status: err.status,
        body: err.body.slice(0, 300),
        lineRequestId: err.requestId,
      });
    } else {
      this.o.logger.error(msg, { eventId, attempt: attempt + 1, error: err instanceof Error ? err.name : 'unknown' });
    }
  }
}

/** LINE's answer to a reply token that is used or expired. */
function isTokenRefused(err: unknown): boolean {
  return err instanceof LineApiError && err.status === 400 && /invalid reply token/i.test(err.body);
}
