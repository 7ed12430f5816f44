import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { openSealedText, seal } from '../crypto/sealed.js';
import { BATCH_LEASE_MS, type DeliveryBatchStore } from '../publications/delivery-batch-store.js';
import { groupsOf, type Batch, type Figures, type PlannedRefs } from '../publications/outbox.js';
import type { PoolClient } from './pool.js';
import { COLUMNS, D_COLUMNS, splitId, toBatch, type Row } from './delivery-batch-rows.js';
import { inTenant, type TenantScope } from './tenant-scope.js';
import { statementInTenant } from './tenant-read.js';

/** Batches stored by one INSERT while planning. */
const INSERT_BATCHES = 10;

/** What an attempt changes ($4 to $7 of `change`). */
const ATTEMPT = 'attempts = $4, last_attempt_at = $5, ambiguous_since = $6, request_id = $7';
const attemptOf = (b: Batch) => [b.attempts, b.lastAttemptAt, b.ambiguousSince, b.requestId];

/**
 * One tenant's delivery batches in PostgreSQL (delivery_batches), shared by every bot process.
 * `claim` takes pending batches whose lease ran out (or that have none) with FOR UPDATE SKIP
 * LOCKED, so processes share one publication's batches without both holding one. A batch let
 * go (`release`) has no claimant and claimed_until says from when it may be claimed; recipients
 * are sealed under the tenant's people key and deleted when the batch settles.
 */
export class PostgresDeliveryBatches implements DeliveryBatchStore {
  /** This process's name on its claims: host, pid and a random part (pids repeat across containers). */
  readonly worker = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  /**
   * The sealed recipients of batches this process just claimed, read by the claim itself so
   * `refs` costs no transaction of its own; taken once, forgotten when the body is fixed, and
   * trusted only well inside the lease (no other process can have fixed another body by then).
   */
  private readonly claimedRefs = new Map<string, { sealed: string | null; at: number }>();
  /** Batches this process claimed and has not settled or let go, with when (a pending batch of theirs needs no query). */
  private readonly holding = new Map<string, { pub: string; at: number }>();

  /** Well inside the lease since `at`: no other process can have claimed, fixed or settled the batch. */
  private fresh(at: number): boolean {
    return performance.now() - at < this.leaseMs / 2;
  }

  /** Forgets what this process knew of a batch it claimed (fixed, settled or let go). */
  private forget(id: string, stillHeld = false): void {
    this.claimedRefs.delete(id);
    if (!stillHeld) this.holding.delete(id);
  }

  constructor(
    private readonly scope: TenantScope,
    private readonly leaseMs = BATCH_LEASE_MS,
  ) {}

  /**
   * Plans once across processes: under the publication's lock, batches already there are
   * kept when one was fixed or claimed (another process is sending them), else replaced.
   */
  async plan(pub: string, kind: Batch['kind'], refs: PlannedRefs, broadcastAudience = 0): Promise<Batch[]> {
    const { tenantId } = this.scope;
    // The recipients are read before the transaction, as the town's Outbox reads them: their
    // pages take connections of their own, and plans holding every connection of the pool while
    // each waited for one more (ten tenants publishing at once) stopped the process for good
    const groups: string[][] = [];
    if (kind === 'multicast') for await (const group of groupsOf(refs)) groups.push(group);
    return inTenant(this.scope, async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [tenantId, pub]);
      const started = await c.query(
        `SELECT 1 FROM delivery_batches WHERE tenant_id = $1 AND publication_id = $2
         AND (frozen_at IS NOT NULL OR claimed_until IS NOT NULL OR state <> 'pending') LIMIT 1`,
        [tenantId, pub],
      );
      if (started.rowCount) return this.read(c, pub);
      await c.query('DELETE FROM delivery_batches WHERE tenant_id = $1 AND publication_id = $2', [tenantId, pub]);
      if (kind === 'broadcast') await this.insert(c, pub, kind, [[]], 0, broadcastAudience);
      // Ten batches per statement
      for (let n = 0; n < groups.length; n += INSERT_BATCHES)
        await this.insert(c, pub, kind, groups.slice(n, n + INSERT_BATCHES), n);
      return this.read(c, pub);
    });
  }

  /** Stores `groups` as batches numbered from `first`, each with a new retry key; answers how many. */
  private async insert(
    c: PoolClient,
    pub: string,
    kind: Batch['kind'],
    groups: string[][],
    first: number,
    broadcastAudience = 0,
  ): Promise<number> {
    if (groups.length === 0) return 0;
    await c.query(
      `INSERT INTO delivery_batches (tenant_id, publication_id, n, kind, retry_key, planned, state, recipients_sealed)
       SELECT $1, $2, $7 + g.n - 1, $3, g.key::uuid, g.planned, 'pending', g.sealed
       FROM unnest($4::text[], $5::int[], $6::text[]) WITH ORDINALITY AS g(key, planned, sealed, n)`,
      [
        this.scope.tenantId,
        pub,
        kind,
        groups.map(() => randomUUID()),
        groups.map((g) => (kind === 'broadcast' ? broadcastAudience : g.length)),
        groups.map((g) => (kind === 'multicast' ? seal(this.scope.keys.people, JSON.stringify(g)) : null)),
        first,
      ],
    );
    return groups.length;
  }

  private async read(c: PoolClient, pub: string): Promise<Batch[]> {
    const { rows } = await c.query<Row>(
      `SELECT ${COLUMNS} FROM delivery_batches WHERE tenant_id = $1 AND publication_id = $2 ORDER BY n`,
      [this.scope.tenantId, pub],
    );
    return rows.map(toBatch);
  }

  batches(pub: string): Promise<Batch[]> {
    return inTenant(this.scope, (c) => this.read(c, pub));
  }

  async refs(id: string): Promise<string[]> {
    const claimed = this.claimedRefs.get(id);
    this.claimedRefs.delete(id);
    if (claimed && this.fresh(claimed.at)) return this.openRefs(claimed.sealed);
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ recipients_sealed: string | null }>(
        'SELECT recipients_sealed FROM delivery_batches WHERE tenant_id = $1 AND publication_id = $2 AND n = $3',
        [this.scope.tenantId, ...splitId(id)],
      ),
    );
    return this.openRefs(rows[0]?.recipients_sealed ?? null);
  }

  private openRefs(sealed: string | null): string[] {
    return sealed ? (JSON.parse(openSealedText(this.scope.keys.people, sealed)) as string[]) : [];
  }

  /** Without a query while this process holds one of the publication's batches (it is pending until settled here). */
  async hasPending(pub: string): Promise<boolean> {
    for (const [id, held] of this.holding)
      if (!this.fresh(held.at)) this.holding.delete(id);
      else if (held.pub === pub) return true;
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ pending: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM delivery_batches WHERE tenant_id = $1 AND publication_id = $2
         AND state = 'pending') AS pending`,
        [this.scope.tenantId, pub],
      ),
    );
    return rows[0]!.pending;
  }

  claim(now: Date, limit: number): Promise<Batch[]> {
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<Row & { recipients_sealed: string | null }>(
        // A materialised CTE: as a plain IN subquery, the planner may run the LIMIT ... SKIP
        // LOCKED part once per outer row and claim far more than `limit` batches
        `WITH picked AS MATERIALIZED (
           SELECT publication_id, n FROM delivery_batches
           WHERE tenant_id = $1 AND state = 'pending' AND (claimed_until IS NULL OR claimed_until <= $3)
           ORDER BY publication_id, n LIMIT $5 FOR UPDATE SKIP LOCKED)
         UPDATE delivery_batches d SET claimed_by = $2, claimed_until = $4 FROM picked
         WHERE d.tenant_id = $1 AND d.publication_id = picked.publication_id AND d.n = picked.n
         RETURNING ${D_COLUMNS}, d.recipients_sealed`,
        [this.scope.tenantId, this.worker, now, new Date(now.getTime() + this.leaseMs), limit],
      );
      const at = performance.now();
      for (const r of rows) {
        const id = `${r.publication_id}/${r.n}`;
        this.claimedRefs.set(id, { sealed: r.recipients_sealed, at });
        this.holding.set(id, { pub: r.publication_id, at });
      }
      return rows.map(toBatch).sort((a, b) => a.pub.localeCompare(b.pub) || a.n - b.n);
    });
  }

  /** The first freeze of a batch wins: a process taking it over later reads that body back. */
  freeze(batch: Batch, refs: readonly string[], now: Date): Promise<Batch> {
    const sent = batch.kind === 'broadcast' ? batch.planned : refs.length;
    const sealed = batch.kind === 'multicast' ? seal(this.scope.keys.people, JSON.stringify(refs)) : null;
    this.forget(batch.id, true);
    return this.change(batch.id, 'sent = $4, frozen_at = $5, recipients_sealed = $6', 'AND frozen_at IS NULL', [
      sent,
      now,
      sealed,
    ]);
  }

  update(batch: Batch): Promise<Batch> {
    return this.change(batch.id, ATTEMPT, "AND state = 'pending'", attemptOf(batch));
  }

  /**
   * Let go with claimed_by empty and claimed_until the time from which any process may claim
   * it (kept at the lease's end without `notBefore`), only while this process holds the claim.
   */
  release(batch: Batch, notBefore?: Date): Promise<Batch> {
    this.forget(batch.id);
    return this.change(
      batch.id,
      `${ATTEMPT}, claimed_by = CASE WHEN claimed_by = $8 THEN NULL ELSE claimed_by END,
       claimed_until = CASE WHEN claimed_by = $8 THEN coalesce($9, claimed_until) ELSE claimed_until END`,
      "AND state = 'pending'",
      [...attemptOf(batch), this.worker, notBefore ?? null],
    );
  }

  /** Batches let go (nobody holds them) claimable now; one on its way in a process stays its. */
  async wake(pub: string): Promise<void> {
    await inTenant(this.scope, (c) =>
      c.query(
        `UPDATE delivery_batches SET claimed_until = NULL WHERE tenant_id = $1 AND publication_id = $2
         AND state = 'pending' AND claimed_by IS NULL`,
        [this.scope.tenantId, pub],
      ),
    );
  }

  settle(
    batch: Batch,
    state: Exclude<Batch['state'], 'pending'>,
    now: Date,
    extra: Partial<Batch> = {},
  ): Promise<Batch> {
    const b = { ...batch, ...extra };
    this.forget(batch.id);
    return this.change(
      batch.id,
      `state = $4, settled_at = $5, attempts = $6, last_attempt_at = $7, request_id = $8, error = $9,
       recipients_sealed = NULL, claimed_by = NULL, claimed_until = NULL`,
      "AND state = 'pending'",
      [state, now, b.attempts, b.lastAttemptAt, b.requestId, b.error === null ? null : JSON.stringify(b.error)],
    );
  }

  /**
   * Changes a batch while `guard` holds; either way it answers the batch as stored. The change
   * answers the row itself (RETURNING); only when the guard kept it unchanged is it read again,
   * by a statement of its own, so a change another process committed meanwhile is seen.
   */
  private async change(id: string, set: string, guard: string, params: unknown[]): Promise<Batch> {
    const [pub, n] = splitId(id);
    const where = 'WHERE tenant_id = $1 AND publication_id = $2 AND n = $3';
    const key = [this.scope.tenantId, pub, n];
    const [changed] = await statementInTenant<Row>(
      this.scope,
      `UPDATE delivery_batches SET ${set} ${where} ${guard} RETURNING ${COLUMNS}`,
      [...key, ...params],
    );
    if (changed) return toBatch(changed);
    const [stored] = await statementInTenant<Row>(this.scope, `SELECT ${COLUMNS} FROM delivery_batches ${where}`, key);
    if (!stored) throw new Error(`no delivery batch ${id}`);
    return toBatch(stored);
  }

  async figures(pub: string): Promise<Figures> {
    return (await this.figuresOf([pub])).get(pub) ?? { recipients: 0, accepted: 0, failed: 0, dropped: 0, pending: 0 };
  }

  /** One grouped query for every publication asked about. */
  async figuresOf(pubs: readonly string[]): Promise<Map<string, Figures>> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<Record<keyof Figures | 'publication_id', string>>(
        `SELECT publication_id, coalesce(sum(planned), 0) AS recipients,
           coalesce(sum(planned - coalesce(sent, planned)), 0) AS dropped,
           coalesce(sum(coalesce(sent, planned)) FILTER (WHERE state = 'accepted'), 0) AS accepted,
           coalesce(sum(coalesce(sent, planned)) FILTER (WHERE state = 'failed'), 0) AS failed,
           coalesce(sum(coalesce(sent, planned)) FILTER (WHERE state = 'pending'), 0) AS pending
         FROM delivery_batches WHERE tenant_id = $1 AND publication_id = ANY($2) GROUP BY publication_id`,
        [this.scope.tenantId, pubs],
      ),
    );
    return new Map(
      rows.map((r) => [
        r.publication_id,
        {
          recipients: Number(r.recipients),
          accepted: Number(r.accepted),
          failed: Number(r.failed),
          dropped: Number(r.dropped),
          pending: Number(r.pending),
        },
      ]),
    );
  }

  async close(): Promise<void> {}
}
