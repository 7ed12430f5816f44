import type { messagingApi } from '@line/bot-sdk';
import type { InboxEntry } from '../line/inbox.js';
import type { InboxStore } from '../line/inbox-store.js';
import { isUserId } from '../line/ids.js';
import { LineApiError, type LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import { BotContext } from './context.js';
import type { ConversationStore } from './conversation.js';
import { UserFacingError } from './errors.js';
import type { PostbackParser } from './postback.js';
import { routeEvent, type Route } from './router.js';
import { ReplySender, type ReplyJob, type ReplySenderOptions } from './reply-sender.js';
import { UserQueue } from './user-queue.js';

/** A handler still busy after this long (an image download, say) shows LINE's loading dots. */
export const LOADING_AFTER_MS = 400;
/** Events handled at the same time (the reply to LINE is sent outside these slots). */
export const MAX_HANDLING = 16;
/** Events waiting at which the log says handling is behind (at most once a minute). */
export const BEHIND_AT = 500;

export type HandleRoute = (ctx: BotContext, route: Exclude<Route, { to: 'ignore' }>) => Promise<void>;

export interface DispatcherDeps {
  inbox: InboxStore;
  line: LineGateway;
  conversations: ConversationStore;
  logger: Logger;
  clock: () => Date;
  handle: HandleRoute;
  /** Reads a button's data with its feature's schema (FeatureRegistry.parsePostback); none: every button has expired. */
  parsePostback?: PostbackParser;
  /** What to say when a handler failed unexpectedly. */
  apology: () => messagingApi.Message[];
  /** A user-facing error's sentence as messages (with the usual quick replies). */
  say: (text: string) => messagingApi.Message[];
  /** Milliseconds before the loading animation is shown (default LOADING_AFTER_MS). */
  loadingAfterMs?: number;
  /** Events handled at the same time (default MAX_HANDLING). */
  maxHandling?: number;
  /** Events waiting at which a warning is logged (default BEHIND_AT). */
  behindAt?: number;
  /** Reply retry and push tuning (tests shorten the windows). */
  replies?: Omit<ReplySenderOptions, 'line' | 'logger' | 'now'>;
}

/**
 * Takes acknowledged events from the inbox and handles them: in order per user, one reply
 * per event sent after the handler, the event marked done whatever happened, and one log
 * line per event with no personal data in it.
 *
 * Acknowledging LINE comes first. Events wait in arrival order and are started one per turn
 * of the event loop, at most `maxHandling` at once, so webhook requests that arrive meanwhile
 * are answered between two handlers instead of after a whole burst of them.
 *
 * Waiting for LINE holds no work slot: once a handler is done and its state saved, the
 * event is marked "replying" in the inbox, its slot goes to the next event, and the reply
 * (with its retries) waits in a second per-user queue, so one user's replies keep their order.
 */
export class Dispatcher {
  private readonly handlingQueue = new UserQueue();
  private readonly replyQueue = new UserQueue();
  private readonly sender: ReplySender;
  private readonly waiting: Array<{ entry: InboxEntry; handled: () => void }> = [];
  private handling = 0;
  private turnBooked = false;
  private readonly maxHandling: number;
  private warnedBehindAt = -Infinity;

  constructor(private readonly deps: DispatcherDeps) {
    this.maxHandling = deps.maxHandling ?? MAX_HANDLING;
    this.sender = new ReplySender({
      line: deps.line,
      logger: deps.logger,
      now: () => deps.clock().getTime(),
      ...deps.replies,
    });
  }

  /** Queues an acknowledged event; resolves once it has been handled. */
  enqueue(entry: InboxEntry): Promise<void> {
    return new Promise((handled) => {
      this.waiting.push({ entry, handled });
      this.bookTurn();
      this.warnIfBehind();
    });
  }

  /** A flood (or a stalled LINE) shows in the log before reply tokens start to expire. */
  private warnIfBehind(): void {
    if (this.waiting.length < (this.deps.behindAt ?? BEHIND_AT)) return;
    const now = this.deps.clock().getTime();
    if (now - this.warnedBehindAt < 60_000) return;
    this.warnedBehindAt = now;
    const oldest = this.waiting[0]!.entry.receivedAt;
    this.deps.logger.warn('handling is behind', {
      waiting: this.waiting.length,
      oldestWaitedMs: Math.max(0, now - oldest),
    });
  }

  /** Resolves when every event queued so far has been handled. */
  async idle(): Promise<void> {
    while (this.waiting.length > 0 || this.handling > 0 || this.replyQueue.busy) {
      await new Promise((r) => setImmediate(r));
      await this.handlingQueue.idle();
      await this.replyQueue.idle();
    }
  }

  private bookTurn(): void {
    if (this.turnBooked || this.waiting.length === 0 || this.handling >= this.maxHandling) return;
    this.turnBooked = true;
    setImmediate(() => {
      this.turnBooked = false;
      this.startNext();
    });
  }

  private startNext(): void {
    const next = this.waiting.shift();
    if (!next) return;
    this.handling += 1;
    const source = next.entry.event.source as { userId?: string; groupId?: string; roomId?: string } | undefined;
    const key = source?.userId ?? source?.groupId ?? source?.roomId ?? 'anonymous';
    void this.handlingQueue
      .run(key, async () => {
        const handled = await this.handle(next.entry).catch((err: Error) => {
          // Left pending in the inbox: the next start tries it again.
          this.deps.logger.error('event not handled', { eventId: next.entry.id, error: err.name });
          return null;
        });
        // Queued before this user's next event is handled, so their replies leave in order.
        if (handled) void this.replyQueue.run(key, () => this.finish(next.entry, handled)).then(next.handled);
        else next.handled();
      })
      .then(() => {
        // The work slot is free once the handler is done: the reply goes on without it.
        this.handling -= 1;
        this.bookTurn();
      });
    this.bookTurn();
  }

  /** Runs the handler and saves its state; the reply is left to `finish`. */
  private async handle(entry: InboxEntry): Promise<Handled> {
    const { clock, logger } = this.deps;
    const started = performance.now();
    const event = entry.event;
    const userId = isUserId(event.source?.userId) ? event.source.userId : null;
    const now = clock();
    const state = userId ? await this.deps.conversations.get(userId) : undefined;
    const ctx = new BotContext(event, userId, now, state);
    const route = routeEvent(event, this.deps.parsePostback);
    if (entry.replied) {
      // Handled and replied to before a crash: its changes are saved, its reply token used.
      ctx.intent = 'replayed';
      ctx.outcome = 'already-replied';
      return { ctx, started, job: null };
    }
    if (route.to === 'ignore') {
      ctx.intent = route.reason;
      ctx.outcome = 'ignored';
      return { ctx, started, job: null };
    }
    await this.runHandler(ctx, route, entry.id);
    const job = ctx.replies.length > 0 ? toJob(ctx, entry) : null;
    if (job) {
      // Written before the first call to LINE: after a crash, this event is not replied to again
      // (flushed too when the reply may be pushed, which a power cut must not repeat).
      await this.deps.inbox
        .replying(entry.id, clock(), { durable: job.mustArrive })
        .catch((err: Error) => logger.error('inbox write failed', { eventId: entry.id, error: err.name }));
    }
    return { ctx, started, job };
  }

  /** Sends the reply (retried, or pushed when it must arrive), then marks the event done. */
  private async finish(entry: InboxEntry, { ctx, started, job }: Handled): Promise<void> {
    const { inbox, logger, clock } = this.deps;
    if (job) {
      const outcome = await this.sender.send(job).catch((err: Error) => {
        logger.error('reply not sent', { eventId: entry.id, error: err.name });
        return 'reply-failed' as const;
      });
      if (outcome !== 'replied') ctx.outcome += `;${outcome}`;
    }
    await inbox
      .done(entry.id, clock())
      .catch((err: Error) => logger.error('inbox write failed', { eventId: entry.id, error: err.name }));
    logger.info('event', {
      eventId: entry.id,
      type: entry.event.type,
      intent: ctx.intent,
      outcome: ctx.outcome,
      ms: Math.round(performance.now() - started),
    });
  }

  private async runHandler(ctx: BotContext, route: Exclude<Route, { to: 'ignore' }>, eventId: string): Promise<void> {
    const loading = ctx.userId && route.to !== 'unfollow' ? this.showLoadingLater(ctx.userId, eventId) : undefined;
    try {
      await this.deps.handle(ctx, route);
      if (ctx.userId && ctx.stateChange !== undefined) await this.deps.conversations.save(ctx.userId, ctx.stateChange);
    } catch (err) {
      // State is not saved: the user can try the same step again.
      ctx.discardReplies();
      if (err instanceof UserFacingError) {
        ctx.outcome = `refused:${err.code}`;
        ctx.reply(...this.deps.say(err.userMessage));
        return;
      }
      ctx.outcome = 'error';
      const e = err instanceof Error ? err : new Error(String(err));
      this.deps.logger.error('handler failed', {
        eventId,
        intent: ctx.intent,
        error: e.name,
        at: e.stack?.split('\n')[1]?.trim(),
      });
      ctx.reply(...this.deps.apology());
    } finally {
      clearTimeout(loading);
    }
  }

  /**
   * The loading dots for a slow handler; they vanish by themselves when the reply comes. The
   * call is not awaited by anyone, so a slow LINE holds no slot (the gateway bounds it).
   */
  private showLoadingLater(userId: string, eventId: string): NodeJS.Timeout {
    return setTimeout(() => {
      this.deps.line.showLoading(userId, 5).catch((err: Error) => {
        this.deps.logger.warn('loading animation not shown', {
          eventId,
          status: err instanceof LineApiError ? err.status : null,
        });
      });
    }, this.deps.loadingAfterMs ?? LOADING_AFTER_MS);
  }
}

/** One handled event on its way out. */
interface Handled {
  ctx: BotContext;
  started: number;
  job: ReplyJob | null;
}

function toJob(ctx: BotContext, entry: InboxEntry): ReplyJob {
  const replyToken = (entry.event as { replyToken?: string }).replyToken;
  return {
    eventId: entry.id,
    replyToken,
    receivedAt: entry.receivedAt,
    userId: ctx.userId,
    messages: ctx.replies,
    mustArrive: ctx.mustArrive,
  };
}
