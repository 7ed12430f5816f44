import type { messagingApi } from '@line/bot-sdk';
import type { SenderHooks } from './batch-sender.js';
import type { LineGateway } from '../line/line-gateway.js';
import { outcomeOf, type Outcome } from '../line/line-outcome.js';
import type { Logger } from '../logger.js';
import type { Awaitable } from '../storage/awaitable.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';
import type { DeliveryBatchStore } from './delivery-batch-store.js';
import type { Batch } from './outbox.js';

/** LINE remembers an accepted retry key for 24 hours: no retry after that (it could deliver twice). */
const RETRY_WINDOW_MS = 24 * 3600_000;

export interface ClaimedSenderDeps
  extends Pick<SenderHooks, 'messages' | 'recipients' | 'onSettled'>, Partial<Pick<SenderHooks, 'onQuota' | 'held'>> {
  batches: DeliveryBatchStore;
  line: Pick<LineGateway, 'multicast' | 'broadcast'>;
  clock: () => Date;
  logger: Logger;
}

/**
 * Sends the batches this process claimed from a store that several processes share. Each
 * batch goes with its own retry key and the body fixed at its first attempt (by whichever
 * process made it), so a batch taken over after its process died is accepted once: LINE
 * answers the repeat with 409, which counts as delivered. A batch LINE did not answer keeps
 * its claim until the lease ends and is tried again by whoever claims it next.
 */
export class ClaimedSender {
  constructor(private readonly deps: ClaimedSenderDeps) {}

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
    // Paused by LINE's monthly limit: the claim runs out and the batch is looked at again after it
    if (await this.deps.held?.(claimed.pub)) return;
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
    if (outcome.kind === 'quota') await this.deps.onQuota?.(batch.pub);
    const ambiguousSince = tried.ambiguousSince ?? (outcome.kind === 'retry' ? started.toISOString() : null);
    if (ambiguousSince && started.getTime() - Date.parse(ambiguousSince) > RETRY_WINDOW_MS)
      return this.settle(tried, 'failed', { error: { status: null, message: noAnswer, requestId: tried.requestId } });
    // Kept claimed until the lease ends: the next claim after it is the retry
    await this.deps.batches.update({ ...tried, ambiguousSince });
  }

  private async settle(batch: Batch, state: 'accepted' | 'failed' | 'dropped', extra: Partial<Batch> = {}) {
    await this.deps.onSettled(await this.deps.batches.settle(batch, state, this.deps.clock(), extra));
  }
}

const withdrawn = {
  error: { status: null, message: 'the publication was withdrawn before this batch went', requestId: null },
};
const noAnswer = 'no answer from LINE for 24 hours; retrying later could deliver twice';

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
