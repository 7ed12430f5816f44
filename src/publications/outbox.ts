import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { KeyedStore, type StoreOptions } from '../storage/keyed-store.js';
import { BATCH_LEASE_MS, type DeliveryBatchStore } from './delivery-batch-store.js';

/** LINE's multicast takes at most 500 user ids per request. */
export const MAX_BATCH = 500;

const Iso = z.iso.datetime();

/**
 * One delivery request of a publication and what became of it. The retry key is made and
 * stored with the batch, before its first attempt, and never changes: LINE remembers an
 * accepted key for 24 hours and answers a replay with 409, so a batch sent again after a
 * crash is still delivered once.
 */
const BatchSchema = z.object({
  id: z.string(),
  pub: z.string(),
  n: z.number().int().nonnegative(),
  kind: z.enum(['multicast', 'broadcast']),
  retryKey: z.uuid(),
  /** Recipients when sending started (a broadcast: friends following then). */
  planned: z.number().int().nonnegative(),
  /** Recipients in the request body, fixed before the first attempt (null until then). */
  sent: z.number().int().nonnegative().nullable(),
  state: z.enum(['pending', 'accepted', 'failed', 'dropped']),
  frozenAt: Iso.nullable(),
  /** First attempt LINE may have taken without saying so (5xx, timeout): retries stop 24 h later. */
  ambiguousSince: Iso.nullable(),
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: Iso.nullable(),
  /** x-line-request-id of the request LINE accepted (or of the last answer). */
  requestId: z.string().nullable(),
  settledAt: Iso.nullable(),
  error: z
    .object({
      status: z.number().nullable(),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string().nullable(),
    })
    .nullable(),
});
export type Batch = z.infer<typeof BatchSchema>;

const RecipientsSchema = z.object({ refs: z.array(z.string()) });

/** Delivery figures of one publication. */
export interface Figures {
  recipients: number;
  accepted: number;
  failed: number;
  /** Unfollowed, unsubscribed or erased between the start and their batch's first attempt. */
  dropped: number;
  pending: number;
}

/**
 * The delivery outbox, on disk: batch records (small, updated as they go) and each pending
 * batch's recipients as pseudonymous friend refs (never user ids), deleted once the batch is
 * settled. Both are append-only logs: one change, one line.
 */
export class Outbox implements DeliveryBatchStore {
  /** Batches handed out by `claim`, until when (in memory: one process owns the files). */
  private readonly claims = new Map<string, number>();
  private readonly byPub = new Map<string, Set<string>>();
  /** Pending batches per publication, kept as batches change (a fan-out asks after every batch). */
  private readonly pendingByPub = new Map<string, number>();

  private constructor(
    private readonly batchStore: KeyedStore<Batch>,
    private readonly recipientStore: KeyedStore<{ refs: string[] }>,
  ) {
    for (const id of batchStore.keysWhere(() => true)) this.index(batchStore.get(id)!);
  }

  static async open(stateDir: string, opts: StoreOptions = {}): Promise<Outbox> {
    const [batches, recipients] = await Promise.all([
      KeyedStore.open(path.join(stateDir, 'outbox.jsonl'), BatchSchema, opts),
      KeyedStore.open(path.join(stateDir, 'outbox-recipients.jsonl'), RecipientsSchema, opts),
    ]);
    return new Outbox(batches, recipients);
  }

  private index(batch: Batch): void {
    const ids = this.byPub.get(batch.pub) ?? new Set<string>();
    ids.add(batch.id);
    this.byPub.set(batch.pub, ids);
    if (batch.state === 'pending') this.pendingByPub.set(batch.pub, (this.pendingByPub.get(batch.pub) ?? 0) + 1);
  }

  /** True while a batch of the publication waits to be accepted, refused or dropped. */
  hasPending(pub: string): boolean {
    return (this.pendingByPub.get(pub) ?? 0) > 0;
  }

  /**
   * Splits `refs` into batches of at most 500 (one batch without refs for a broadcast), each
   * with its retry key, and stores them. Batches left by a planning that a crash cut short
   * (never attempted) are replaced.
   */
  async plan(pub: string, kind: Batch['kind'], refs: PlannedRefs, broadcastAudience = 0): Promise<Batch[]> {
    await Promise.all(
      this.batches(pub).map((b) => Promise.all([this.batchStore.delete(b.id), this.recipientStore.delete(b.id)])),
    );
    this.byPub.delete(pub);
    this.pendingByPub.delete(pub);
    const groups: string[][] = kind === 'broadcast' ? [[]] : [];
    if (kind === 'multicast') for await (const group of groupsOf(refs)) groups.push(group);
    const batches = groups.map((group, n): Batch => ({
      id: `${pub}/${n}`,
      pub,
      n,
      kind,
      retryKey: randomUUID(),
      planned: kind === 'broadcast' ? broadcastAudience : group.length,
      sent: null,
      state: 'pending',
      frozenAt: null,
      ambiguousSince: null,
      attempts: 0,
      lastAttemptAt: null,
      requestId: null,
      settledAt: null,
      error: null,
    }));
    // Recipients first: a batch record never exists without them.
    await Promise.all(
      batches.map((b, n) => (kind === 'multicast' ? this.recipientStore.set(b.id, { refs: groups[n]! }) : undefined)),
    );
    await Promise.all(batches.map((b) => this.batchStore.set(b.id, b)));
    batches.forEach((b) => this.index(b));
    return batches;
  }

  get(id: string): Batch | undefined {
    return this.batchStore.get(id);
  }

  batches(pub: string): Batch[] {
    return [...(this.byPub.get(pub) ?? [])].map((id) => this.batchStore.get(id)!).sort((a, b) => a.n - b.n);
  }

  pending(): Batch[] {
    return this.batchStore.keysWhere((b) => b.state === 'pending').map((id) => this.batchStore.get(id)!);
  }

  refs(id: string): string[] {
    return this.recipientStore.get(id)?.refs ?? [];
  }

  /** Pending batches not handed out within the lease, oldest publication's first. */
  claim(now: Date, limit: number, leaseMs = BATCH_LEASE_MS): Batch[] {
    const free = this.pending()
      .filter((b) => (this.claims.get(b.id) ?? 0) <= now.getTime())
      .sort((a, b) => a.pub.localeCompare(b.pub) || a.n - b.n)
      .slice(0, limit);
    for (const b of free) this.claims.set(b.id, now.getTime() + leaseMs);
    return free;
  }

  /** Fixes the body before the first attempt: who is still to receive it, stored first (a second freeze keeps the first). */
  async freeze(batch: Batch, refs: readonly string[], now: Date): Promise<Batch> {
    const stored = this.batchStore.get(batch.id);
    if (stored?.frozenAt) return stored;
    if (batch.kind === 'multicast' && refs.length !== batch.planned)
      await this.recipientStore.set(batch.id, { refs: [...refs] });
    return this.update({
      ...batch,
      sent: batch.kind === 'broadcast' ? batch.planned : refs.length,
      frozenAt: now.toISOString(),
    });
  }

  async update(batch: Batch): Promise<Batch> {
    await this.batchStore.set(batch.id, batch);
    return batch;
  }

  /** Recorded, and claimable again from `notBefore` (without it, when its lease ends). */
  async release(batch: Batch, notBefore?: Date): Promise<Batch> {
    if (notBefore) this.claims.set(batch.id, notBefore.getTime());
    return this.update(batch);
  }

  async wake(pub: string): Promise<void> {
    for (const b of this.batches(pub)) this.claims.delete(b.id);
  }

  /** Accepted, failed or dropped: recorded, and the recipients list is deleted. */
  async settle(
    batch: Batch,
    state: Exclude<Batch['state'], 'pending'>,
    now: Date,
    extra: Partial<Batch> = {},
  ): Promise<Batch> {
    const stored = this.batchStore.get(batch.id);
    // Settled once: a late second answer changes nothing (as on PostgreSQL)
    if (stored && stored.state !== 'pending') return stored;
    if (stored) this.pendingByPub.set(batch.pub, (this.pendingByPub.get(batch.pub) ?? 1) - 1);
    this.claims.delete(batch.id);
    const settled = await this.update({ ...batch, ...extra, state, settledAt: now.toISOString() });
    await this.recipientStore.delete(batch.id);
    // Once nothing is pending, rewrite the recipients log so settled lists leave the disk too.
    if (this.recipientStore.size === 0) await this.recipientStore.compact();
    return settled;
  }

  figures(pub: string): Figures {
    const f: Figures = { recipients: 0, accepted: 0, failed: 0, dropped: 0, pending: 0 };
    for (const b of this.batches(pub)) {
      const sent = b.sent ?? b.planned;
      f.recipients += b.planned;
      f.dropped += b.planned - sent;
      if (b.state === 'accepted') f.accepted += sent;
      else if (b.state === 'failed') f.failed += sent;
      else if (b.state === 'pending') f.pending += sent;
    }
    return f;
  }

  figuresOf(pubs: readonly string[]): Map<string, Figures> {
    return new Map(pubs.filter((p) => this.byPub.has(p)).map((p) => [p, this.figures(p)]));
  }

  /** When broadcast requests were made, for LINE's 60-per-hour limit after a restart. */
  broadcastTimes(): number[] {
    return this.batchStore
      .keysWhere((b) => b.kind === 'broadcast' && b.lastAttemptAt !== null)
      .map((id) => Date.parse(this.batchStore.get(id)!.lastAttemptAt!));
  }

  async close(): Promise<void> {
    await Promise.all([this.batchStore.close(), this.recipientStore.close()]);
  }
}

/** A publication's recipients as refs: one list, or the friends store's pages (FriendStore.recipientPages). */
export type PlannedRefs = readonly string[] | AsyncIterable<string[]>;

/** The refs in batches of at most 500, in order, never holding more than one page and a batch. */
export async function* groupsOf(refs: PlannedRefs): AsyncGenerator<string[]> {
  if (!(Symbol.asyncIterator in refs)) return yield* chunk(refs, MAX_BATCH);
  let carry: string[] = [];
  for await (const page of refs) {
    carry = carry.concat(page);
    while (carry.length >= MAX_BATCH) yield carry.splice(0, MAX_BATCH);
  }
  if (carry.length > 0) yield carry;
}

/** `items` in groups of at most `size`, in order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
