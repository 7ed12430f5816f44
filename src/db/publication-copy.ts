import fs from 'node:fs';
import path from 'node:path';
import { seal } from '../crypto/sealed.js';
import { Outbox, type Batch } from '../publications/outbox.js';
import type { Publication } from '../publications/publication.js';
import { PublicationRepo } from '../publications/publication-repo.js';
import { contentHash } from './content-hash.js';
import { PostgresDeliveryBatches } from './delivery-batches-postgres.js';
import { PostgresPublicationStore } from './publication-store-postgres.js';
import type { PoolClient } from './pool.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/** A publication with its batches, as the files and the database are compared. */
type Copied = [Publication, Batch[]];

/**
 * The town's publications (state/publications.jsonl) and their delivery batches
 * (state/outbox*.jsonl) into the tenant's rows, batches with their own retry keys, figures and,
 * for one still pending, its recipients (refs under the same key), so a delivery the stop cut
 * short goes on once in the service. A publication or batch already there is left alone.
 */
export async function copyPublications(dataDir: string, scope: TenantScope) {
  const stateDir = path.join(dataDir, 'state');
  const store = new PostgresPublicationStore(scope);
  const batches = new PostgresDeliveryBatches(scope);
  const database = async (ids: readonly string[]): Promise<Copied[]> =>
    Promise.all(ids.map(async (id): Promise<Copied> => [(await store.get(id))!, await batches.batches(id)]));
  if (!fs.existsSync(path.join(stateDir, 'publications.jsonl')))
    return { files: [] as Copied[], database: await database((await store.list()).map((p) => p.id)), copied: 0 };
  const [repo, outbox] = [
    await PublicationRepo.open(path.join(stateDir, 'publications.jsonl')),
    await Outbox.open(stateDir),
  ];
  try {
    const files = repo
      .list()
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((p): Copied => [p, outbox.batches(p.id)]);
    let copied = 0;
    for (const [pub, planned] of files) {
      const there = await store.get(pub.id);
      const changed = !there || contentHash([there]) !== contentHash([pub]);
      if (changed) await store.save(pub);
      const written = await inTenant(scope, (c) => insertBatches(c, scope, planned, (id) => outbox.refs(id)));
      if (changed || written > 0) copied += 1;
    }
    const ids = (await store.list()).map((p) => p.id).sort();
    return { files, database: await database(ids), copied };
  } finally {
    await Promise.all([repo.close(), outbox.close()]);
  }
}

/** The batches as they were; one already there (same publication and number) is left alone. Answers how many were written. */
async function insertBatches(
  c: PoolClient,
  scope: TenantScope,
  planned: readonly Batch[],
  refsOf: (id: string) => string[],
): Promise<number> {
  let written = 0;
  for (const b of planned) {
    const refs = b.state === 'pending' && b.kind === 'multicast' ? refsOf(b.id) : null;
    const { rowCount } = await c.query(
      `INSERT INTO delivery_batches (tenant_id, publication_id, n, kind, retry_key, planned, sent, state, frozen_at,
         ambiguous_since, attempts, last_attempt_at, request_id, settled_at, error, recipients_sealed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING`,
      [
        scope.tenantId,
        b.pub,
        b.n,
        b.kind,
        b.retryKey,
        b.planned,
        b.sent,
        b.state,
        b.frozenAt,
        b.ambiguousSince,
        b.attempts,
        b.lastAttemptAt,
        b.requestId,
        b.settledAt,
        b.error === null ? null : JSON.stringify(b.error),
        refs ? seal(scope.keys.people, JSON.stringify(refs)) : null,
      ],
    );
    written += rowCount ?? 0;
  }
  return written;
}
