import type { DeliveryBatchStore } from './delivery-batch-store.js';
import type { Outbox } from './outbox.js';
import type { Publication } from './publication.js';
import type { PublicationRepo } from './publication-repo.js';
import type { PublicationStore } from './publication-store.js';
import { publicationView, type PublicationView } from './publication-view.js';

/**
 * The publications as the chat and the console read them, at once: newest first, the
 * published ones, one by id, each with its delivery figures. The town's file stores answer
 * from memory, so for it this is the stores themselves; a tenant's are in PostgreSQL, so for
 * it this is a copy (PublicationMirror) brought up to date every few seconds and on each
 * change this process makes. The staff API reads the stores themselves.
 */
export interface PublicationSnapshot {
  get(id: string): Publication | undefined;
  /** Newest first (by creation). */
  list(): Publication[];
  /** Whose sending has started, newest first. */
  published(): Publication[];
  countPublished(from: Date, to: Date): number;
  view(pub: Publication): PublicationView;
  /** Reads the stores again (the files are read already: nothing to do). */
  refresh(): Promise<void>;
  /** A publication this process has just saved. */
  note(pub: Publication): void;
}

/** The town's files as the snapshot: they answer from memory. */
export function fileSnapshot(repo: PublicationRepo, outbox: Outbox): PublicationSnapshot {
  return {
    get: (id) => repo.get(id),
    list: () => repo.list(),
    published: () => repo.published(),
    countPublished: (from, to) => repo.countPublished(from, to),
    view: (pub) => publicationView(pub, outbox.batches(pub.id), outbox.figures(pub.id)),
    refresh: () => Promise.resolve(),
    note: () => undefined,
  };
}

/** Settled publications whose figures cannot change any more: read once. */
const FINAL = new Set<Publication['status']>(['sent', 'failed', 'cancelled']);

/** A copy of a tenant's publications and their figures, read from PostgreSQL. */
export class PublicationMirror implements PublicationSnapshot {
  private views = new Map<string, PublicationView>();
  private newestFirst: Publication[] = [];

  constructor(
    private readonly store: PublicationStore,
    private readonly batches: DeliveryBatchStore,
  ) {}

  /** Every publication again; figures read again unless the publication was settled already. */
  async refresh(): Promise<void> {
    const all = await this.store.list();
    const views = new Map<string, PublicationView>();
    for (const pub of all) {
      const known = this.views.get(pub.id);
      const settled = known && FINAL.has(pub.status) && known.status === pub.status;
      views.set(pub.id, settled ? known : await this.describe(pub));
    }
    [this.newestFirst, this.views] = [all, views];
  }

  private async describe(pub: Publication): Promise<PublicationView> {
    return publicationView(pub, await this.batches.batches(pub.id), await this.batches.figures(pub.id));
  }

  note(pub: Publication): void {
    const at = this.newestFirst.findIndex((p) => p.id === pub.id);
    if (at >= 0) this.newestFirst[at] = pub;
    else this.newestFirst.unshift(pub);
    const known = this.views.get(pub.id);
    this.views.set(
      pub.id,
      known ? { ...pub, delivery: { ...known.delivery, state: pub.deliveryState } } : this.view(pub),
    );
  }

  get(id: string): Publication | undefined {
    return this.newestFirst.find((p) => p.id === id);
  }

  list(): Publication[] {
    return [...this.newestFirst];
  }

  published(): Publication[] {
    return this.newestFirst
      .filter((p) => p.publishedAt !== null && p.status !== 'cancelled')
      .sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!));
  }

  countPublished(from: Date, to: Date): number {
    const [f, t] = [from.toISOString(), to.toISOString()];
    return this.newestFirst.filter((p) => p.publishedAt !== null && p.publishedAt >= f && p.publishedAt < t).length;
  }

  /** The figures last read (none yet for a publication this process has not read back). */
  view(pub: Publication): PublicationView {
    const known = this.views.get(pub.id);
    if (known) return { ...pub, delivery: { ...known.delivery, state: pub.deliveryState } };
    return publicationView(pub, [], { recipients: 0, accepted: 0, failed: 0, dropped: 0, pending: 0 });
  }
}
