import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { copyPublications } from '../../src/db/publication-copy.js';
import { PostgresPublicationStore } from '../../src/db/publication-store-postgres.js';
import { Outbox } from '../../src/publications/outbox.js';
import { PublicationRepo } from '../../src/publications/publication-repo.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';
import { samplePublication, sampleRefs } from '../publications/publication-sample.js';

const NOW = new Date('2026-03-01T02:00:00.000Z');
const LATER = new Date('2026-03-01T02:05:00.000Z');

/** A stopped town that sent one publication and was stopped while sending a second (one batch of two left). */
async function townWithPublications() {
  const dir = await tempDir();
  const stateDir = path.join(dir, 'state');
  const [repo, outbox] = [
    await PublicationRepo.open(path.join(stateDir, 'publications.jsonl')),
    await Outbox.open(stateDir),
  ];
  const sent = samplePublication({
    status: 'sent',
    deliveryState: 'done',
    publishedAt: NOW.toISOString(),
    finishedAt: LATER.toISOString(),
  });
  const sending = samplePublication({ status: 'sending', deliveryState: 'sending', publishedAt: LATER.toISOString() });
  const [only] = await outbox.plan(sent.id, 'multicast', sampleRefs(3));
  await outbox.settle(await outbox.freeze(only!, sampleRefs(2), NOW), 'accepted', NOW, {
    attempts: 1,
    requestId: 'req-1',
  });
  const [first, second] = await outbox.plan(sending.id, 'multicast', sampleRefs(700, 'friend'));
  await outbox.settle(await outbox.freeze(first!, sampleRefs(500, 'friend'), LATER), 'accepted', LATER);
  for (const p of [sent, sending]) await repo.save(p);
  await Promise.all([repo.close(), outbox.close()]);
  return { dir, sent, sending, pending: second! };
}

describe.skipIf(!hasPostgres)("copying a town's publications into its tenant", () => {
  const db = useMigratedDatabase();

  it('when a town is copied, then its publications, figures and retry keys are the same, a cut-short delivery goes on, and a second run copies nothing', async () => {
    const town = await townWithPublications();
    const scope = await db().newTenant();
    const first = await copyPublications(town.dir, scope);
    expect([first.files.length, first.database.length, first.copied]).toEqual([2, 2, 2]);
    expect(first.database).toEqual(first.files);
    const store = new PostgresPublicationStore(scope);
    const batches = new PostgresDeliveryBatches(scope);
    expect((await store.published()).map((p) => p.id)).toEqual([town.sending.id, town.sent.id]);
    expect(await batches.figures(town.sent.id)).toEqual({
      recipients: 3,
      accepted: 2,
      failed: 0,
      dropped: 1,
      pending: 0,
    });
    // The batch the stop left is claimed in the service with the town's retry key and recipients
    const [claimed] = await batches.claim(LATER, 10);
    expect([claimed?.id, claimed?.retryKey]).toEqual([town.pending.id, town.pending.retryKey]);
    expect(await batches.refs(claimed!.id)).toEqual(sampleRefs(700, 'friend').slice(500));

    const again = await copyPublications(town.dir, scope);
    expect([again.copied, again.database.length]).toEqual([0, 2]);
  });

  it('when the town never published, then nothing is copied and nothing is made in its folder', async () => {
    const dir = await tempDir();
    const copy = await copyPublications(dir, await db().newTenant());
    expect(copy).toEqual({ files: [], database: [], copied: 0 });
    expect(fs.existsSync(path.join(dir, 'state'))).toBe(false);
  });
});
