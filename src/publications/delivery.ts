import type { messagingApi } from '@line/bot-sdk';
import type { Logger } from '../logger.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';
import type { BatchSender, SenderHooks } from './batch-sender.js';
import { friendRecipients } from './claimed-sender.js';
import type { DeliveryBatchStore } from './delivery-batch-store.js';
import type { Batch } from './outbox.js';
import type { Publication } from './publication.js';
import { deliveryMessages } from './publication-messages.js';
import type { PublicationStore } from './publication-store.js';

export interface DeliveryDeps {
  store: PublicationStore;
  batches: DeliveryBatchStore;
  /** The sender, made with the hooks it calls back (FanOut for the town, ClaimLoop for a tenant). */
  sender: (hooks: SenderHooks) => BatchSender;
  friends: Pick<FriendStore, 'counts' | 'recipientPages' | 'userIdsOf'>;
  clock: () => Date;
  logger: Logger;
  agencyName: () => string;
  /** A publication this process saved (the chat's and the console's copy is told). */
  onSaved: (publication: Publication) => void;
  /** Sending started: the publication is now public (search index, ข่าวล่าสุด). */
  onPublished: (publication: Publication) => void;
}

/**
 * A publication's way out: recipients fixed when sending starts (the topic's subscribers,
 * or every friend for an urgent broadcast), batches planned in the batch store, the sender
 * run, and the publication's status kept in step with its batches.
 */
/** How long a publication found not paused is taken as not paused (a read of it saved for each batch). */
const NOT_HELD_MS = 500;

export class Delivery {
  private readonly sender: BatchSender;
  /** Messages and topic of publications on their way (neither changes once sending started). */
  private readonly cache = new Map<string, { messages: messagingApi.Message[]; topic: string }>();
  /** When each publication was last read as not paused by LINE's monthly limit. */
  private readonly notHeld = new Map<string, number>();
  /** Counts this process's pauses: a read begun before one is not kept. */
  private pauses = 0;

  constructor(private readonly deps: DeliveryDeps) {
    this.sender = deps.sender({
      messages: async (pub) => (await this.sending(pub))?.messages ?? null,
      recipients: friendRecipients(deps.friends, async (pub) => (await this.sending(pub))?.topic),
      onSettled: (batch) => this.afterBatch(batch),
      onQuota: (pub) => this.quotaExhausted(pub),
      held: (pub) => this.held(pub),
    });
  }

  /**
   * Paused by LINE's monthly limit? A publication read as not paused is taken as such for
   * NOT_HELD_MS, not read again for each batch; a pause in this process forgets that at once,
   * one in another process is seen within NOT_HELD_MS (a batch sent meanwhile LINE refuses, and
   * it waits like the others).
   */
  private async held(pubId: string): Promise<boolean> {
    const seen = this.notHeld.get(pubId);
    if (seen !== undefined && performance.now() - seen < NOT_HELD_MS) return false;
    const pauses = this.pauses;
    const held = (await this.deps.store.get(pubId))?.deliveryState === 'quota-exhausted';
    if (!held && pauses === this.pauses) this.notHeld.set(pubId, performance.now());
    else this.notHeld.delete(pubId);
    return held;
  }

  private paused(): void {
    this.pauses += 1;
    this.notHeld.clear();
  }

  private async save(pub: Publication): Promise<Publication> {
    await this.deps.store.save(pub);
    this.deps.onSaved(pub);
    return pub;
  }

  /** The messages and topic of a publication that may still go out (null once cancelled or gone). */
  private async sending(pubId: string): Promise<{ messages: messagingApi.Message[]; topic: string } | null> {
    const cached = this.cache.get(pubId);
    if (cached) return cached;
    const pub = await this.deps.store.get(pubId);
    if (!pub || pub.status === 'cancelled') return null;
    const found = { messages: deliveryMessages(pub, this.deps.agencyName()), topic: pub.topic };
    this.cache.set(pubId, found);
    return found;
  }

  /** Starts sending: recipients as of now, in batches stored before any request goes. */
  async begin(pub: Publication): Promise<Publication> {
    const { friends, batches: store, clock } = this.deps;
    // Cancelled through another process since it was claimed: it stays cancelled
    const current = await this.deps.store.get(pub.id);
    if (current?.status === 'cancelled') return current;
    const now = clock();
    const batches = pub.urgent
      ? await store.plan(pub.id, 'broadcast', [], (await friends.counts()).following)
      : await store.plan(pub.id, 'multicast', friends.recipientPages(pub.topic));
    const started = await this.save({
      ...pub,
      status: 'sending',
      deliveryState: 'sending',
      publishedAt: pub.publishedAt ?? now.toISOString(),
    });
    this.deps.onPublished(started);
    this.deps.logger.info('publication sending', {
      publication: pub.id,
      topic: pub.topic,
      batches: batches.length,
      recipients: (await store.figures(pub.id)).recipients,
    });
    // Another process may have sent every batch before this one marked the publication as sending
    if (!(await this.deps.batches.hasPending(pub.id))) return this.finish(started);
    this.sender.enqueue(batches);
    return started;
  }

  /**
   * After a restart: publications that were sending carry on. A batch fixed before the stop
   * may have reached LINE without an answer, so its 24-hour retry window starts from then.
   */
  async resumeAll(): Promise<void> {
    for (const pub of (await this.deps.store.list()).filter((p) => p.status === 'sending')) {
      const pending = (await this.deps.batches.batches(pub.id)).filter((b) => b.state === 'pending');
      if (pending.length === 0) {
        await this.finish(pub);
        continue;
      }
      const marked = await Promise.all(
        pending.map((b) =>
          b.frozenAt && !b.ambiguousSince ? this.deps.batches.update({ ...b, ambiguousSince: b.frozenAt }) : b,
        ),
      );
      if (pub.deliveryState === 'sending') this.sender.enqueue(marked);
    }
  }

  /**
   * Marks as sent those of `publications` still sending with no batch left: the process that
   * settled their last batch stopped before it could (another process sharing the rows).
   */
  async finishSettled(publications: readonly Publication[]): Promise<void> {
    for (const pub of publications.filter((p) => p.status === 'sending'))
      if (!(await this.deps.batches.hasPending(pub.id))) await this.finish(pub);
  }

  /** Staff resume after LINE's monthly limit (a new month, or a bigger plan). */
  async resume(pub: Publication): Promise<Publication> {
    const resumed = await this.save({ ...pub, deliveryState: 'sending' });
    // Batches let go while paused are claimable at once, not when their lease would end
    await this.deps.batches.wake(pub.id);
    this.sender.enqueue((await this.deps.batches.batches(pub.id)).filter((b) => b.state === 'pending'));
    return resumed;
  }

  private async afterBatch(batch: Batch): Promise<void> {
    if (await this.deps.batches.hasPending(batch.pub)) return;
    const pub = await this.deps.store.get(batch.pub);
    if (pub && pub.status === 'sending') await this.finish(pub);
  }

  /** Every batch settled: sent, or failed when LINE refused all of it (with LINE's reason). */
  private async finish(pub: Publication): Promise<Publication> {
    const figures = await this.deps.batches.figures(pub.id);
    const refused = (await this.deps.batches.batches(pub.id)).find((b) => b.state === 'failed')?.error;
    const failed = figures.accepted === 0 && figures.failed > 0;
    const done = await this.save({
      ...pub,
      status: failed ? 'failed' : 'sent',
      deliveryState: 'done',
      finishedAt: this.deps.clock().toISOString(),
      failure: failed && refused ? `${refused.status ?? 'no answer'}: ${refused.message}` : null,
    });
    this.cache.delete(pub.id);
    this.notHeld.delete(pub.id);
    this.deps.logger.info('publication delivered', { publication: pub.id, status: done.status, ...figures });
    return done;
  }

  private async quotaExhausted(pubId: string): Promise<void> {
    this.paused();
    const pub = await this.deps.store.get(pubId);
    if (!pub || pub.deliveryState === 'quota-exhausted') return;
    this.deps.logger.warn('LINE monthly message limit reached: delivery paused until staff resume it', {
      publication: pubId,
    });
    this.sender.park(pubId);
    await this.save({ ...pub, deliveryState: 'quota-exhausted' });
    // A read begun while saving saw the publication not yet paused
    this.paused();
  }

  idle(): Promise<void> {
    return this.sender.idle();
  }

  close(): Promise<void> {
    return this.sender.close();
  }
}
