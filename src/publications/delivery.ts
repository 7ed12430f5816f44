import type { messagingApi } from '@line/bot-sdk';
import type { LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import type { FriendRepo } from '../subscriptions/store/friend-repo.js';
import { FanOut, type FanOutOptions } from './fan-out.js';
import type { Batch, Outbox } from './outbox.js';
import type { Publication } from './publication.js';
import { deliveryMessages } from './publication-messages.js';
import type { PublicationRepo } from './publication-repo.js';
import type { Timers } from '../timers.js';

export interface DeliveryDeps {
  repo: PublicationRepo;
  outbox: Outbox;
  friends: FriendRepo;
  line: Pick<LineGateway, 'multicast' | 'broadcast'>;
  clock: () => Date;
  timers: Timers;
  random: () => number;
  logger: Logger;
  agencyName: () => string;
  /** Sending started: the publication is now public (search index, ข่าวล่าสุด). */
  onPublished: (publication: Publication) => void;
  options?: Partial<FanOutOptions>;
}

/**
 * A publication's way out: recipients fixed when sending starts (the topic's subscribers,
 * or every friend for an urgent broadcast), batches planned in the outbox, the fan-out run,
 * and the publication's status kept in step with its batches.
 */
export class Delivery {
  private readonly fanOut: FanOut;
  private readonly messageCache = new Map<string, messagingApi.Message[]>();

  constructor(private readonly deps: DeliveryDeps) {
    const { friends, outbox } = deps;
    this.fanOut = new FanOut({
      outbox,
      line: deps.line,
      clock: deps.clock,
      timers: deps.timers,
      random: deps.random,
      logger: deps.logger,
      messages: (pub) => this.messages(pub),
      recipients: (batch, refs, fixed) => {
        const topic = fixed ? undefined : this.deps.repo.get(batch.pub)?.topic;
        const kept: string[] = [];
        const userIds: string[] = [];
        for (const ref of refs) {
          const userId = fixed ? friends.userIdOf(ref) : friends.recipient(ref, topic);
          if (userId === null) continue;
          kept.push(ref);
          userIds.push(userId);
        }
        return { refs: fixed ? [...refs] : kept, userIds };
      },
      onSettled: (batch) => this.afterBatch(batch),
      onQuota: (pub) => this.quotaExhausted(pub),
      ...(deps.options ? { options: deps.options } : {}),
    });
  }

  private messages(pubId: string): messagingApi.Message[] | null {
    const cached = this.messageCache.get(pubId);
    if (cached) return cached;
    const pub = this.deps.repo.get(pubId);
    if (!pub || pub.status === 'cancelled') return null;
    const messages = deliveryMessages(pub, this.deps.agencyName());
    this.messageCache.set(pubId, messages);
    return messages;
  }

  /** Starts sending: recipients as of now, in batches stored before any request goes. */
  async begin(pub: Publication): Promise<Publication> {
    const { friends, outbox, clock } = this.deps;
    const now = clock();
    const batches = pub.urgent
      ? await outbox.plan(pub.id, 'broadcast', [], friends.counts().following)
      : await outbox.plan(pub.id, 'multicast', friends.recipientPages(pub.topic));
    const started: Publication = {
      ...pub,
      status: 'sending',
      deliveryState: 'sending',
      publishedAt: pub.publishedAt ?? now.toISOString(),
    };
    await this.deps.repo.save(started);
    this.deps.onPublished(started);
    this.deps.logger.info('publication sending', {
      publication: pub.id,
      topic: pub.topic,
      batches: batches.length,
      recipients: outbox.figures(pub.id).recipients,
    });
    if (batches.length === 0) return this.finish(started);
    this.fanOut.enqueue(batches);
    return started;
  }

  /**
   * After a restart: publications that were sending carry on. A batch fixed before the stop
   * may have reached LINE without an answer, so its 24-hour retry window starts from then.
   */
  async resumeAll(): Promise<void> {
    for (const pub of this.deps.repo.list().filter((p) => p.status === 'sending')) {
      const pending = this.deps.outbox.batches(pub.id).filter((b) => b.state === 'pending');
      if (pending.length === 0) {
        await this.finish(pub);
        continue;
      }
      const marked = await Promise.all(
        pending.map((b) =>
          b.frozenAt && !b.ambiguousSince ? this.deps.outbox.update({ ...b, ambiguousSince: b.frozenAt }) : b,
        ),
      );
      if (pub.deliveryState === 'sending') this.fanOut.enqueue(marked);
    }
  }

  /** Staff resume after LINE's monthly limit (a new month, or a bigger plan). */
  async resume(pub: Publication): Promise<Publication> {
    const resumed: Publication = { ...pub, deliveryState: 'sending' };
    await this.deps.repo.save(resumed);
    this.fanOut.enqueue(this.deps.outbox.batches(pub.id).filter((b) => b.state === 'pending'));
    return resumed;
  }

  private async afterBatch(batch: Batch): Promise<void> {
    if (this.deps.outbox.hasPending(batch.pub)) return;
    const pub = this.deps.repo.get(batch.pub);
    if (pub && pub.status === 'sending') await this.finish(pub);
  }

  /** Every batch settled: sent, or failed when LINE refused all of it (with LINE's reason). */
  private async finish(pub: Publication): Promise<Publication> {
    const figures = this.deps.outbox.figures(pub.id);
    const refused = this.deps.outbox.batches(pub.id).find((b) => b.state === 'failed')?.error;
    const failed = figures.accepted === 0 && figures.failed > 0;
    const done: Publication = {
      ...pub,
      status: failed ? 'failed' : 'sent',
      deliveryState: 'done',
      finishedAt: this.deps.clock().toISOString(),
      failure: failed && refused ? `${refused.status ?? 'no answer'}: ${refused.message}` : null,
    };
    await this.deps.repo.save(done);
    this.messageCache.delete(pub.id);
    this.deps.logger.info('publication delivered', { publication: pub.id, status: done.status, ...figures });
    return done;
  }

  private async quotaExhausted(pubId: string): Promise<void> {
    const pub = this.deps.repo.get(pubId);
    if (!pub || pub.deliveryState === 'quota-exhausted') return;
    this.deps.logger.warn('LINE monthly message limit reached: delivery paused until staff resume it', {
      publication: pubId,
    });
    await this.deps.repo.save({ ...pub, deliveryState: 'quota-exhausted' });
  }

  idle(): Promise<void> {
    return this.fanOut.idle();
  }

  close(): Promise<void> {
    return this.fanOut.close();
  }
}
