import { describe, expect, it } from 'vitest';
import { postgresStores, tenantScope } from '../../src/db/postgres-stores.js';
import { TenantRepository } from '../../src/db/tenants.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { inboxEvent } from '../helpers/inbox-sample.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const SERVICE_KEY = Buffer.alloc(32, 7);
const clock = () => new Date('2026-03-01T02:00:00.000Z');

describe.skipIf(!hasPostgres)('choosing the PostgreSQL stores of a tenant', () => {
  const db = useMigratedDatabase();

  it('when the tenant is active, then its stores work inside it and a second opening sees the same data', async () => {
    const tenants = new TenantRepository(db().pool, SERVICE_KEY);
    await tenants.add({ id: 'phonsai', name: 'โพนทราย', channelSecret: 's', accessToken: 't' });
    const stores = postgresStores(await tenantScope(db().pool, tenants, 'phonsai'), {
      clock,
      logger: createMemoryLogger(),
    });
    await stores.audit.append(clock(), 'malee', 'login');
    expect(await stores.inbox.admit([inboxEvent('สวัสดี')], clock())).toHaveLength(1);
    const again = postgresStores(await tenantScope(db().pool, tenants, 'phonsai'), { clock });
    expect(await again.audit.verify()).toEqual({ ok: true, count: 1 });
    expect(again.scope.keys.tips.equals(stores.scope.keys.tips)).toBe(true);
  });

  it('when the tenant is unknown or suspended, then opening its stores stops with one line saying so', async () => {
    const tenants = new TenantRepository(db().pool, SERVICE_KEY);
    await tenants.add({ id: 'nakhon', name: 'นคร', channelSecret: 's', accessToken: 't' });
    await tenants.setStatus('nakhon', 'suspended');
    await expect(tenantScope(db().pool, tenants, 'nowhere')).rejects.toThrow(
      'no tenant "nowhere" (npm run tenant -- add)',
    );
    await expect(tenantScope(db().pool, tenants, 'nakhon')).rejects.toThrow('tenant "nakhon" is suspended');
  });
});
