import { randomUUID } from 'node:crypto';
import type { messagingApi } from '@line/bot-sdk';
import type { SearchItem } from '../content/search-items.js';
import type { SearchHit } from '../flex/messages.js';
import { isUserId } from '../line/ids.js';
import type { LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';
import { Delivery } from './delivery.js';
import { DueTimer } from '../due-timer.js';
import type { FanOutOptions } from './fan-out.js';
import type { DeliveryBatchStore } from './delivery-batch-store.js';
import type { Figures } from './outbox.js';
import { newPublicationId, PUBLICATION_ID, type DeliveryState, type Publication } from './publication.js';
import { deliveryMessages, publicationHit, publicationMessage } from './publication-messages.js';
import { newPublication } from './new-publication.js';
import type { PublicationSnapshot } from './publication-mirror.js';
import type { PublicationStore } from './publication-store.js';
import { openFileStores, sharedStores, type PublishingStores } from './publishing-stores.js';
import { PublishedFeed } from './published-feed.js';
import { PublishSpool } from './publish-spool.js';
import { PublishError } from './publish-error.js';
import { publicationView, type PublicationView } from './publication-view.js';
import { withTimeout, type Timers } from '../timers.js';
import { validatePublicationInput, type PublicationDraft } from './validate-input.js';

export interface PublishingDeps {
  stateDir: string;
  friends: FriendStore;
  line: Pick<LineGateway, 'multicast' | 'broadcast' | 'push'>;
  /** The running search index: a publication is answerable in chat from its first send. */
  index: { add(items: readonly SearchItem[]): void };
  clock: () => Date;
  timers: Timers;
  random?: () => number;
  logger: Logger;
  agencyName: () => string;
  options?: Partial<FanOutOptions>;
  /** A tenant's publications and delivery batches in PostgreSQL; absent: the town's files under stateDir. */
  stores?: { publications: PublicationStore; batches: DeliveryBatchStore };
}

export interface Author {
  actor: string;
  source: Publication['source'];
}

/**
 * Publishing, the one use case behind the staff API, `npm run publish` and
 * `npm run import -- FILE --publish`: validate, store, then deliver now or at publishAt
 * (Asia/Bangkok), with cancel (while scheduled), resume (after LINE's monthly limit),
 * preview and test-send. The staff API reads the stores (a tenant's rows, shared by every
 * process); the chat and the console read the snapshot (PublicationSnapshot).
 */
export class Publishing {
  private readonly delivery: Delivery;
  private readonly due: DueTimer;
  private readonly spool: PublishSpool;
  private readonly repo: PublicationStore;
  private readonly snapshot: PublicationSnapshot;
  private readonly feed: PublishedFeed;

  private constructor(
    private readonly deps: PublishingDeps,
    private readonly stores: PublishingStores,
  ) {
    [this.repo, this.snapshot] = [stores.store, stores.snapshot];
    this.feed = new PublishedFeed(stores.snapshot, deps.index, deps.timers, deps.logger, stores.refreshMs, () =>
      this.delivery.finishSettled(this.snapshot.list()),
    );
    this.delivery = new Delivery({
      ...deps,
      store: stores.store,
      batches: stores.batches,
      sender: (hooks) => stores.sender(hooks),
      onSaved: (p) => stores.snapshot.note(p),
      onPublished: (p) => this.feed.add([p]),
    });
    this.spool = new PublishSpool(deps.stateDir, this, deps.logger);
    this.due = new DueTimer(
      deps.timers,
      deps.clock,
      () => this.runDue(),
      (err) =>
        deps.logger.error('scheduled publishing failed', {
          error: (err as Error).name,
          message: (err as Error).message,
        }),
      stores.dueWaitMs,
    );
  }

  static async open(deps: PublishingDeps): Promise<Publishing> {
    const sending = { ...deps, random: deps.random ?? Math.random };
    const stores = deps.stores ? sharedStores(deps.stores, sending) : await openFileStores(deps.stateDir, sending);
    const publishing = new Publishing(deps, stores);
    await stores.snapshot.refresh();
    publishing.feed.add(stores.snapshot.published());
    return publishing;
  }

  /** Carries on deliveries the last stop interrupted, sends what fell due meanwhile, takes command-line requests. */
  async start(): Promise<void> {
    await this.delivery.resumeAll();
    await this.due.fire();
    await this.spool.start();
    this.feed.watch();
  }

  /** Starts the due publications this process claims (another process sharing the rows starts the rest). */
  private async runDue(): Promise<void> {
    for (const pub of await this.repo.claimDue(this.deps.clock())) await this.delivery.begin(pub);
    this.due.arm(await this.repo.nextDue());
  }

  private async save(pub: Publication): Promise<Publication> {
    await this.repo.save(pub);
    this.snapshot.note(pub);
    return pub;
  }

  /** Stores a publication; sends it now, or schedules it when publishAt is in the future. */
  async create(input: unknown, author: Author, id = newPublicationId()): Promise<Publication> {
    if (!PUBLICATION_ID.test(id)) throw new PublishError('invalid', `publication id "${id}" is not valid`);
    const existing = await this.repo.get(id);
    if (existing) return existing;
    const draft = this.validate(input);
    const now = this.deps.clock();
    const pub = await this.save(newPublication(id, draft, author, now));
    this.deps.logger.info('publication created', {
      publication: id,
      topic: pub.topic,
      by: author.actor,
      publishAt: pub.publishAt,
    });
    if (pub.publishAt > now.toISOString()) {
      this.due.arm(await this.repo.nextDue());
      return pub;
    }
    // Due now: claimed like any due publication, so it starts once even if another process looks too
    await this.runDue();
    return (await this.repo.get(id)) ?? pub;
  }

  /** The input checked (zod, then the time rules), as the fields of a publication. */
  validate(input: unknown): PublicationDraft {
    return validatePublicationInput(input, this.deps.clock());
  }

  /** One publication as the chat and the console see it (the snapshot). */
  get(id: string): Publication | undefined {
    return this.snapshot.get(id);
  }

  /** One publication as stored (a tenant's rows, whichever process made it). */
  async require(id: string): Promise<Publication> {
    const pub = await this.repo.get(id);
    if (!pub) throw new PublishError('not_found', 'publication not found');
    return pub;
  }

  /** With the delivery figures last read (the console). */
  view(pub: Publication): PublicationView {
    return this.snapshot.view(pub);
  }

  /** With the delivery figures as stored now (the staff API). */
  async describe(pub: Publication): Promise<PublicationView> {
    const { batches } = this.stores;
    return publicationView(pub, await batches.batches(pub.id), await batches.figures(pub.id));
  }

  /** Newest first, as the snapshot holds them (the console). */
  list(): Publication[] {
    return this.snapshot.list();
  }

  /** Newest first, as stored now, each with its delivery figures read in one go (the staff API's listing). */
  async summaries(): Promise<Array<Publication & { delivery: Figures & { state: DeliveryState } }>> {
    const all = await this.repo.list();
    const figures = await this.stores.batches.figuresOf(all.map((p) => p.id));
    const none: Figures = { recipients: 0, accepted: 0, failed: 0, dropped: 0, pending: 0 };
    return all.map((p) => ({ ...p, delivery: { ...(figures.get(p.id) ?? none), state: p.deliveryState } }));
  }

  async cancel(id: string, actor: string): Promise<Publication> {
    const pub = await this.require(id);
    if (pub.status !== 'scheduled')
      throw new PublishError('conflict', `only a scheduled publication can be cancelled; this one is ${pub.status}`);
    const cancelled = await this.save({
      ...pub,
      status: 'cancelled',
      deliveryState: 'cancelled',
      cancelledAt: this.deps.clock().toISOString(),
      cancelledBy: actor,
    });
    this.due.arm(await this.repo.nextDue());
    return cancelled;
  }

  async resume(id: string): Promise<Publication> {
    const pub = await this.require(id);
    if (pub.deliveryState !== 'quota-exhausted')
      throw new PublishError(
        'conflict',
        `only a delivery stopped by LINE's monthly limit can be resumed; this one is ${pub.deliveryState}`,
      );
    return this.delivery.resume(pub);
  }

  /** The exact messages a delivery of `pub`, or of a draft (unsaved input), sends. */
  preview(source: unknown): messagingApi.Message[] {
    if (isPublication(source)) return deliveryMessages(source, this.deps.agencyName());
    const draft = this.validate(source);
    return [publicationMessage(draft, new Date(draft.publishAt), this.deps.agencyName())];
  }

  /** Sends the messages to one LINE user (a staff member checking on their phone); not counted in figures. */
  async testSend(messages: messagingApi.Message[], userId: unknown): Promise<{ requestId: string | null }> {
    if (typeof userId !== 'string' || !isUserId(userId))
      throw new PublishError('invalid', 'userId must be a LINE user id (U followed by 32 hex digits)', [
        { path: 'userId', message: 'is not a LINE user id' },
      ]);
    return withTimeout(this.deps.line.push(userId, messages, randomUUID()), 10_000, this.deps.timers);
  }

  /** Published ones, newest first (ข่าวล่าสุด). */
  latest(): Publication[] {
    return this.snapshot.published();
  }

  hit(id: string): SearchHit | undefined {
    const pub = this.snapshot.get(id);
    return pub && pub.publishedAt && pub.status !== 'cancelled' ? publicationHit(pub) : undefined;
  }

  countPublished(from: Date, to: Date): number {
    return this.snapshot.countPublished(from, to);
  }

  /** Resolves when deliveries can only move once a timer fires (tests drive their clock with it). */
  async idle(): Promise<void> {
    await this.due.settled();
    await this.delivery.idle();
  }

  async close(): Promise<void> {
    this.feed.close();
    await this.spool.close();
    await this.due.close();
    await this.delivery.close();
    await this.stores.close();
  }
}

function isPublication(value: unknown): value is Publication {
  return typeof value === 'object' && value !== null && 'status' in value && 'createdAt' in value;
}
