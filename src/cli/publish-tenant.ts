import type { Config } from '../config.js';
import { PostgresAuditTrail } from '../db/audit-trail-postgres.js';
import { requireDatabase } from '../db/database-config.js';
import { PostgresDeliveryBatches } from '../db/delivery-batches-postgres.js';
import { openPool } from '../db/pool.js';
import { tenantScope } from '../db/postgres-stores.js';
import { PostgresPublicationStore } from '../db/publication-store-postgres.js';
import { TenantRepository } from '../db/tenants.js';
import { newPublication } from '../publications/new-publication.js';
import type { Publication } from '../publications/publication.js';
import { validatePublicationInput } from '../publications/validate-input.js';

/** What became of a tenant's publication by the time the command stops waiting. */
export type TenantPublishOutcome =
  | { kind: 'scheduled'; publishAt: string }
  | { kind: 'sending'; recipients: number }
  /** Due, but no process of the service started it while the command waited. */
  | { kind: 'waiting' };

export interface TenantPublishRequest {
  tenant: string;
  id: string;
  input: Record<string, unknown>;
  author: { actor: string; source: Publication['source'] };
}

/**
 * `npm run publish -- --tenant ID`: the publication goes into that municipality's rows in
 * PostgreSQL as the staff API stores it (scheduled at its time, now when none is given) and is
 * recorded in its audit trail. The command sends nothing itself: whichever bot process serving
 * the tenant claims it when due starts the sending (each looks every few seconds), and the
 * command waits up to `waitMs` for that start to say to how many it goes. An unknown or
 * suspended tenant stops it before anything is written (TenantError).
 */
export async function publishForTenant(
  config: Config,
  request: TenantPublishRequest,
  opts: { waitMs?: number; pollMs?: number } = {},
): Promise<TenantPublishOutcome> {
  const database = requireDatabase(config);
  const pool = openPool(database.url, { max: 2 });
  try {
    const scope = await tenantScope(pool, new TenantRepository(pool, database.serviceKey), request.tenant);
    const now = new Date();
    const pub = newPublication(request.id, validatePublicationInput(request.input, now), request.author, now);
    const store = new PostgresPublicationStore(scope);
    await store.save(pub);
    const { topic, status, urgent, publishAt } = pub;
    await new PostgresAuditTrail(scope).append(
      now,
      request.author.actor,
      'publication.create',
      `publication:${pub.id}`,
      {
        topic,
        status,
        urgent,
        publishAt,
      },
    );
    if (pub.publishAt > now.toISOString()) return { kind: 'scheduled', publishAt: pub.publishAt };
    const deadline = Date.now() + (opts.waitMs ?? 15_000);
    for (;;) {
      if ((await store.get(pub.id))?.status !== 'scheduled') {
        const { recipients } = await new PostgresDeliveryBatches(scope).figures(pub.id);
        return { kind: 'sending', recipients };
      }
      if (Date.now() >= deadline) return { kind: 'waiting' };
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
    }
  } finally {
    await pool.end();
  }
}
