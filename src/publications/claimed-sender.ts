import type { messagingApi } from '@line/bot-sdk';
import type { SenderHooks } from './batch-sender.js';
import type { LineGateway } from '../line/line-gateway.js';
import { outcomeOf, type Outcome } from '../line/line-outcome.js';
import type { Logger } from '../logger.js';
import type { Awaitable } from '../storage/awaitable.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';
import type { DeliveryBatchStore } from './delivery-batch-store.js';
import type { Batch } from './outbox.js';
import { FAN_OUT_DEFAULTS } from './fan-out-options.js';
import { retryPlan, type RetryOptions } from './retry-plan.js';

export interface ClaimedSenderDeps
  extends Pick<SenderHooks, 'messages' | 'recipients' | 'onSettled'>, Partial<Pick<SenderHooks, 'onQuota' | 'held'>> {
  batches: DeliveryBatchStore;
  line: Pick<LineGateway, 'multicast' | 'broadcast'>;
  clock: () => Date;
  logger: Logger;
  /** Jitter of the backoff (Math.random unless a test fixes it). */
  random?: () => number;
  /** Backoff and retry window (FanOutOptions; unset: the town's). */
  retry?: Partial<RetryOptions>;
  /** A batch was let go for `ms`: the claim loop looks again then (another process may be first). */
  onRetryLater?: (ms: number) => void;
}

/**
 * Sends the batches this process claimed from a store that several processes share. Each
 * batch goes with its own retry key and the body fixed at its first attempt (by whichever
 * process made it), so a batch taken over after its process died is accepted once: LINE
 * answers the repeat with 409, which counts as delivered. A batch LINE did not take (5xx, no
 * answer, 429) is let go until its backoff ends, as the town's FanOut waits (retryPlan), and
 * whichever process claims it then tries again; past the retry window it fails.
 */
export class ClaimedSender {
  private readonly retry: RetryOptions;

  constructor(private readonly deps: ClaimedSenderDeps) {
    const { firstRetryMs, maxRetryMs, retryWindowMs } = { ...FAN_OUT_DEFAULTS, ...deps.retry };
    this.retry = { firstRetryMs, maxRetryMs, retryWindowMs };
  }

  /** Claims up to `limit` batches and tries each once; answers how many it claimed. */
  async round(limit = 10): Promise<number> {
    const claimed = await this.deps.batches.claim(this.deps.clock(), limit);
    await this.sendClaimed(claimed);
    return claimed.length;
  }

  /** Tries each batch this process claimed once, in order. */
  async sendClaimed(claimed: readonly Batch[]): Promise<void> {
    for (const batch of claimed) await this.send(batch);
  }

  private async send(claimed: Batch): Promise<void> {
    const { batches, clock } = this.deps;
    // Paused by LINE's monthly limit: looked at again when the lease ends, or at once when staff resume
    if (await this.deps.held?.(claimed.pub)) return void (await batches.release(claimed));
    const messages = await this.deps.messages(claimed.pub);
    if (!messages) return this.settle(claimed, 'failed', withdrawn);
    const fixed = claimed.frozenAt !== null;
    const found = claimed.kind === 'multicast' ? await batches.refs(claimed.id) : [];
    const chosen = await this.deps.recipients(claimed, found, fixed);
    // The first freeze wins: read back the body another process may have fixed just before
    const batch = fixed ? claimed : await batches.freeze(claimed, chosen.refs, clock());
    const to =
      fixed || batch.sent === chosen.refs.length
        ? chosen.userIds
        : (await this.deps.recipients(batch, await batches.refs(batch.id), true)).userIds;
    if (batch.kind === 'multicast' && to.length === 0) return this.settle(batch, 'dropped');
    return this.attempt(batch, to, messages);
  }

  private async attempt(batch: Batch, to: string[], messages: messagingApi.Message[]): Promise<void> {
    const started = this.deps.clock();
    const request =
      batch.kind === 'multicast'
        ? this.deps.line.multicast(to, messages, batch.retryKey)
        : this.deps.line.broadcast(messages, batch.retryKey);
    const outcome = await request.then((ok): Outcome => ({ kind: 'accepted', requestId: ok.requestId }), outcomeOf);
    const tried: Batch = {
      ...batch,
      attempts: batch.attempts + 1,
      lastAttemptAt: started.toISOString(),
      requestId: outcome.requestId ?? batch.requestId,
    };
    if (outcome.kind === 'accepted') return this.settle(tried, 'accepted', { error: null });
    if (outcome.kind === 'failed') {
      const { status, message, requestId } = outcome;
      this.deps.logger.warn('LINE refused a delivery batch', { batch: batch.id, status, body: message, requestId });
      return this.settle(tried, 'failed', { error: { status, message, requestId } });
    }
    if (outcome.kind === 'quota') {
      await this.deps.onQuota?.(batch.pub);
      return void (await this.deps.batches.release(tried));
    }
    const ambiguousSince = tried.ambiguousSince ?? (outcome.kind === 'retry' ? started.toISOString() : null);
    return this.retryLater({ ...tried, ambiguousSince }, outcome);
  }

  /** Let go until its backoff (or LINE's Retry-After) ends; failed once the retry window would be passed. */
  private async retryLater(batch: Batch, outcome: Extract<Outcome, { kind: 'retry' | 'throttled' }>): Promise<void> {
    const now = this.deps.clock().getTime();
    const atLeast = outcome.kind === 'throttled' ? outcome.retryAfterMs : 0;
    const next = retryPlan(batch, now, this.retry, this.deps.random ?? Math.random, atLeast);
    if ('failed' in next)
      return this.settle(batch, 'failed', {
        error: { status: null, message: next.failed, requestId: batch.requestId },
      });
    this.deps.logger.warn('LINE delivery will be retried', {
      batch: batch.id,
      attempt: batch.attempts,
      reason: outcome.kind === 'retry' ? outcome.reason : 'LINE answered 429',
      lineRequestId: outcome.requestId,
      inMs: Math.round(next.delayMs),
    });
    await this.deps.batches.release(batch, new Date(now + next.delayMs));
    this.deps.onRetryLater?.(next.delayMs);
  }

  private async settle(batch: Batch, state: 'accepted' | 'failed' | 'dropped', extra: Partial<Batch> = {}) {
    await this.deps.onSettled(await this.deps.batches.settle(batch, state, this.deps.clock(), extra));
  }
}

const withdrawn = {
  error: { status: null, message: 'the publication was withdrawn before this batch went', requestId: null },
};

/**
 * A batch's recipients from the friends store in one read: before the body is fixed, the refs
 * still receiving the publication's topic (`topicOf`; none for an urgent broadcast); after,
 * every ref kept, sent to those whose data is not erased.
 */
export function friendRecipients(
  friends: Pick<FriendStore, 'userIdsOf'>,
  topicOf: (pub: string) => Awaitable<string | undefined>,
): ClaimedSenderDeps['recipients'] {
  return async (batch, refs, fixed) => {
    const ids = await friends.userIdsOf(refs, fixed ? undefined : { topic: await topicOf(batch.pub) });
    const kept = refs.filter((ref) => ids.has(ref));
    return { refs: fixed ? [...refs] : kept, userIds: kept.map((ref) => ids.get(ref)!) };
  };
}
