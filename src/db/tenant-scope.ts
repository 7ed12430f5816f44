import type { DataKeys } from '../crypto/keys.js';
import type { Pool, PoolClient } from './pool.js';
import { withTenant } from './with-tenant.js';

/**
 * What every PostgreSQL store of one tenant shares: the pool, the tenant's id, and the
 * subkeys of the tenant's own data key (so one town's key never opens another's rows).
 */
export interface TenantScope {
  pool: Pool;
  tenantId: string;
  keys: DataKeys;
}

/** Runs `fn` in one transaction inside the scope's tenant (row-level security on). */
export function inTenant<T>(scope: TenantScope, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTenant(scope.pool, scope.tenantId, fn);
}

/** A Date or ISO string from a timestamptz column, as the file records write it. */
export const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
