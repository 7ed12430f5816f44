import type { Pool } from './pool.js';
import { TenantError, type TenantRepository } from './tenants.js';
import { withTenant } from './with-tenant.js';

/**
 * Makes a town's own data key (its TIP_ENCRYPTION_KEY) the tenant's, so what the town sealed
 * in its files opens the same in the database and its audit chain verifies unchanged: nothing
 * is decrypted to be copied. Refused once the tenant holds any row: data sealed under its
 * current key would no longer open. The same key again is no change.
 */
export async function adoptTownKey(
  pool: Pool,
  tenants: TenantRepository,
  tenantId: string,
  townKey: Buffer,
): Promise<'adopted' | 'same'> {
  const current = await tenants.secrets(tenantId);
  if (!current) throw new TenantError('unknown', `no tenant "${tenantId}" (npm run tenant -- add)`);
  if (current.dataKey.equals(townKey)) return 'same';
  const used = await tablesWithRows(pool, tenantId);
  if (used.length > 0)
    throw new TenantError('exists', `tenant "${tenantId}" already holds data (${used.join(', ')}) under another key`);
  await tenants.setDataKey(tenantId, townKey);
  return 'adopted';
}

/** The tenant tables in which this tenant has rows (every table with a tenant_id, as the tenant sees it). */
async function tablesWithRows(pool: Pool, tenantId: string): Promise<string[]> {
  return withTenant(pool, tenantId, async (c) => {
    const { rows } = await c.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY 1",
    );
    const used: string[] = [];
    for (const { table_name: t } of rows) {
      const { rows: hit } = await c.query(`SELECT 1 FROM ${c.escapeIdentifier(t)} LIMIT 1`);
      if (hit.length > 0) used.push(t);
    }
    return used;
  });
}
