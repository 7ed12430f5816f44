import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { publicationItem, type SearchItem } from '../content/search-items.js';
import type { SearchHit } from '../flex/messages.js';
import { isUserId } from '../line/ids.js';
import type { LineGateway } from '../line/line-gateway.js';
import type { Logger } from '../logger.js';
import type { FriendRepo } from '../subscriptions/store/friend-repo.js';
import { topicName } from '../subscriptions/topic-catalog.js';
import { Delivery } from './delivery.js';
import { DueTimer } from '../due-timer.js';
import type { FanOutOptions } from './fan-out.js';
import { Outbox } from './outbox.js';
import { newPublicationId, PUBLICATION_ID, type Publication } from './publication.js';
import { deliveryMessages, publicationHit, publicationMessage } from './publication-messages.js';
import { PublicationRepo } from './publication-repo.js';
import { PublishSpool } from './publish-spool.js';
import { PublishError } from './publish-error.js';
import { publicationView, type PublicationView } from './publication-view.js';
import { withTimeout, type Timers } from '../timers.js';
import { validatePublicationInput, type PublicationDraft } from './validate-input.js';

export interface PublishingDeps {
  stateDir: string;
  friends: FriendRepo;
  line: Pick<LineGateway, 'multicast' | 'broadcast' | 'push'>;
  /** The running search index: a publication is answerable in chat from its first send. */
  index: { add(items: readonly SearchItem[]): void };
  clock: () => Date;
  timers: Timers;
  random?: () => number;
  logger: Logger;
  agencyName: () => string;
  options?: Partial<FanOutOptions>;
}

export interface Author {
  actor: string;
  source: Publication['source'];
}

/**
 * Publishing, the one use case behind the staff API, `npm run publish` and
 * `npm run import -- FILE --publish`: validate, store, then deliver now or at publishAt
 * (Asia/Bangkok), with cancel (while scheduled), resume (after LINE's monthly limit),
 * preview and test-send.
 */
export class Publishing {
  private readonly delivery: Delivery;
  private readonly due: DueTimer;
  private readonly spool: PublishSpool;

  private constructor(
    private readonly deps: PublishingDeps,
    private readonly repo: PublicationRepo,
    private readonly outbox: Outbox,
  ) {
    this.delivery = new Delivery({
      ...deps,
      repo,
      outbox,
      random: deps.random ?? Math.random,
      onPublished: (p) => deps.index.add([searchItem(p)]),
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
    );
  }

  static async open(deps: PublishingDeps): Promise<Publishing> {
    // Background failures of these stores (compaction) are reported in the bot's own log.
    const stores = { logger: deps.logger };
    const [repo, outbox] = await Promise.all([
      PublicationRepo.open(path.join(deps.stateDir, 'publications.jsonl'), stores),
      Outbox.open(deps.stateDir, stores),
    ]);
    const publishing = new Publishing(deps, repo, outbox);
    deps.index.add(repo.published().map(searchItem));
    return publishing;
  }

  /** Carries on deliveries the last stop interrupted, sends what fell due meanwhile, takes command-line requests. */
  async start(): Promise<void> {
    await this.delivery.resumeAll();
    await this.due.fire();
    await this.spool.start();
  }

  private async runDue(): Promise<void> {
    for (const pub of this.repo.due(this.deps.clock())) await this.delivery.begin(pub);
    this.due.arm(this.repo.nextDue());
  }

  /** Stores a publication; sends it now, or schedules it when publishAt is in the future. */
  async create(input: unknown, author: Author, id = newPublicationId()): Promise<Publication> {
    if (!PUBLICATION_ID.test(id)) throw new PublishError('invalid', `publication id "${id}" is not valid`);
    const existing = this.repo.get(id);
    if (existing) return existing;
    const draft = this.validate(input);
    const now = this.deps.clock();
    const pub: Publication = {
      id,
      ...draft,
      createdBy: author.actor,
      source: author.source,
      createdAt: now.toISOString(),
      status: 'scheduled',
      deliveryState: 'waiting',
      publishedAt: null,
      finishedAt: null,
      cancelledAt: null,
      cancelledBy: null,
      failure: null,
    };
    await this.repo.save(pub);
    this.deps.logger.info('publication created', {
      publication: id,
      topic: pub.topic,
      by: author.actor,
      publishAt: pub.publishAt,
    });
    if (pub.publishAt <= now.toISOString()) return this.delivery.begin(pub);
    this.due.arm(this.repo.nextDue());
    return pub;
  }

  /** The input checked (zod, then the time rules), as the fields of a publication. */
  validate(input: unknown): PublicationDraft {
    return validatePublicationInput(input, this.deps.clock());
  }

  get(id: string): Publication | undefined {
    return this.repo.get(id);
  }

  require(id: string): Publication {
    const pub = this.repo.get(id);
    if (!pub) throw new PublishError('not_found', 'publication not found');
    return pub;
  }

  view(pub: Publication): PublicationView {
    return publicationView(pub, this.outbox);
  }

  list(): Publication[] {
    return this.repo.list();
  }

  async cancel(id: string, actor: string): Promise<Publication> {
    const pub = this.require(id);
    if (pub.status !== 'scheduled')
      throw new PublishError('conflict', `only a scheduled publication can be cancelled; this one is ${pub.status}`);
    const cancelled: Publication = {
      ...pub,
      status: 'cancelled',
      deliveryState: 'cancelled',
      cancelledAt: this.deps.clock().toISOString(),
      cancelledBy: actor,
    };
    await this.repo.save(cancelled);
    this.due.arm(this.repo.nextDue());
    return cancelled;
  }

  async resume(id: string): Promise<Publication> {
    const pub = this.require(id);
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
    return this.repo.published();
  }

  hit(id: string): SearchHit | undefined {
    const pub = this.repo.get(id);
    return pub && pub.publishedAt && pub.status !== 'cancelled' ? publicationHit(pub) : undefined;
  }

  countPublished(from: Date, to: Date): number {
    return this.repo.countPublished(from, to);
  }

  /** Resolves when deliveries can only move once a timer fires (tests drive their clock with it). */
  async idle(): Promise<void> {
    await this.due.settled();
    await this.delivery.idle();
  }

  async close(): Promise<void> {
    await this.spool.close();
    await this.due.close();
    await this.delivery.close();
    await Promise.all([this.repo.close(), this.outbox.close()]);
  }
}

function isPublication(value: unknown): value is Publication {
  return typeof value === 'object' && value !== null && 'status' in value && 'createdAt' in value;
}

function searchItem(p: Publication): SearchItem {
  return publicationItem({
    id: p.id,
    title: p.title,
    body: p.body,
    topic: topicName(p.topic),
    publishedAt: p.publishedAt ?? p.publishAt,
  });
}
