import { KeyedStore, type StoreOptions } from '../storage/keyed-store.js';
import { PublicationSchema, type Publication } from './publication.js';
import { START_LEASE_MS, type PublicationStore } from './publication-store.js';

/** Publications by id (no personal data in them: the author is a staff name). */
export class PublicationRepo implements PublicationStore {
  /** Due publications handed out by `claimDue`, until when (in memory: one process owns the file). */
  private readonly claims = new Map<string, number>();

  private constructor(private readonly store: KeyedStore<Publication>) {}

  static async open(file: string, opts: StoreOptions = {}): Promise<PublicationRepo> {
    return new PublicationRepo(await KeyedStore.open(file, PublicationSchema, opts));
  }

  get(id: string): Publication | undefined {
    return this.store.get(id);
  }

  /** A cancelled publication stays cancelled (PublicationStore.save). */
  async save(publication: Publication): Promise<void> {
    if (this.store.get(publication.id)?.status === 'cancelled' && publication.status !== 'cancelled') return;
    await this.store.set(publication.id, publication);
  }

  /** Newest first (by creation). */
  list(): Publication[] {
    return this.store.values().sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
  }

  /** Scheduled ones whose time has come, oldest first. */
  due(now: Date): Publication[] {
    const at = now.toISOString();
    return this.where((p) => p.status === 'scheduled' && p.publishAt <= at).sort((a, b) =>
      a.publishAt.localeCompare(b.publishAt),
    );
  }

  /** Due ones not handed out within the lease, oldest first. */
  claimDue(now: Date, leaseMs = START_LEASE_MS): Publication[] {
    const free = this.due(now).filter((p) => (this.claims.get(p.id) ?? 0) <= now.getTime());
    for (const p of free) this.claims.set(p.id, now.getTime() + leaseMs);
    return free;
  }

  /** The earliest time a scheduled publication is due, or null. */
  nextDue(): Date | null {
    const times = this.where((p) => p.status === 'scheduled')
      .map((p) => p.publishAt)
      .sort();
    return times[0] ? new Date(times[0]) : null;
  }

  /** What residents can see: publications whose sending has started, newest first. */
  published(): Publication[] {
    return this.where((p) => p.publishedAt !== null && p.status !== 'cancelled').sort((a, b) =>
      b.publishedAt!.localeCompare(a.publishedAt!),
    );
  }

  /** Publications whose sending started in [from, to). */
  countPublished(from: Date, to: Date): number {
    const [f, t] = [from.toISOString(), to.toISOString()];
    return this.store.keysWhere((p) => p.publishedAt !== null && p.publishedAt >= f && p.publishedAt < t).length;
  }

  private where(pred: (p: Readonly<Publication>) => boolean): Publication[] {
    return this.store.keysWhere(pred).map((id) => this.store.get(id)!);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
