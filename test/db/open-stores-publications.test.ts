import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { PostgresDeliveryBatches } from '../../src/db/delivery-batches-postgres.js';
import { PostgresPublicationStore } from '../../src/db/publication-store-postgres.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { openStores } from '../../src/stores/open-stores.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';
import { samplePublication, sampleRefs } from '../publications/publication-sample.js';

const open = async (tenant?: TenantScope) =>
  openStores({
    config: loadConfig({ DATA_DIR: await tempDir(), TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
    clock: () => new Date('2026-03-01T02:00:00.000Z'),
    logger: createMemoryLogger(),
    ...(tenant ? { tenant } : {}),
  });

describe('where publications and delivery batches are opened', () => {
  it('when the single town opens its stores, then it gets no PostgreSQL publications: Publishing keeps its files', async () => {
    const stores = await open();
    expect(stores.tenantStores).toBeUndefined();
    await stores.close();
  });

  describe.skipIf(!hasPostgres)('for a tenant', () => {
    const db = useMigratedDatabase();

    it('when a tenant opens its stores, then its publications and batches are its own rows, seen by another process and not by another tenant', async () => {
      const [scope, other] = [await db().newTenant(), await db().newTenant()];
      const stores = await open(scope);
      const pub = samplePublication();
      await stores.tenantStores!.publications.save(pub);
      await stores.tenantStores!.deliveryBatches.plan(pub.id, 'multicast', sampleRefs(3));
      const secondPool = { ...scope, pool: db().secondPool() };
      expect(await new PostgresPublicationStore(secondPool).get(pub.id)).toEqual(pub);
      expect(await new PostgresDeliveryBatches(secondPool).figures(pub.id)).toMatchObject({ recipients: 3 });
      expect(await new PostgresPublicationStore(other).list()).toEqual([]);
      expect(await new PostgresDeliveryBatches(other).batches(pub.id)).toEqual([]);
      await stores.close();
    });
  });
});
