import { publicationItem, type SearchItem } from '../content/search-items.js';
import type { Logger } from '../logger.js';
import { topicName } from '../subscriptions/topic-catalog.js';
import type { Timers } from '../timers.js';
import type { Publication } from './publication.js';
import type { PublicationSnapshot } from './publication-mirror.js';

/**
 * Keeps what residents can ask about in step with what has been published: each publication
 * goes into the search index once, whichever process started it, and a snapshot another
 * process can change (a tenant's rows) is read again every `everyMs`.
 */
export class PublishedFeed {
  private readonly indexed = new Set<string>();
  private timer: unknown = null;
  private closed = false;

  constructor(
    private readonly snapshot: PublicationSnapshot,
    private readonly index: { add(items: readonly SearchItem[]): void },
    private readonly timers: Timers,
    private readonly logger: Logger,
    /** null: the snapshot never goes stale (the town's files, one process). */
    private readonly everyMs: number | null,
    /** Runs after each read of the snapshot (deliveries another process left unfinished). */
    private readonly afterRefresh: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Adds to the search index the publications it does not hold yet. */
  add(published: readonly Publication[]): void {
    const fresh = published.filter((p) => !this.indexed.has(p.id));
    fresh.forEach((p) => this.indexed.add(p.id));
    if (fresh.length > 0) this.index.add(fresh.map(searchItem));
  }

  /** Reads the snapshot again every `everyMs` until close (a failed read is logged and tried again). */
  watch(): void {
    if (this.everyMs === null || this.closed) return;
    this.timer = this.timers.setTimeout(() => {
      this.snapshot
        .refresh()
        .then(() => {
          this.add(this.snapshot.published());
          return this.afterRefresh();
        })
        .catch((err: Error) => this.logger.error('publications refresh failed', { error: err.name }))
        .finally(() => this.watch());
    }, this.everyMs);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
  }
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
