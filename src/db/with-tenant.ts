import type { Pool, PoolClient } from 'pg';

/** The role tenant-scoped work runs as: it owns no table, so row-level security applies to it. */
export const TENANT_ROLE = 'bot_tenant';

/**
 * Runs `fn` in one transaction inside one tenant: the role switches to bot_tenant and
 * `app.tenant` is set for this transaction only (SET LOCAL), so every policy
 * `tenant_id = current_setting('app.tenant')` keeps the queries in that tenant even when the
 * code's own WHERE clause is wrong. Commits when `fn` resolves, rolls back when it throws;
 * the connection goes back to the pool with neither setting left on it.
 */
export async function withTenant<T>(pool: Pool, tenantId: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // One round trip instead of three: every store's transaction starts here (a fan-out makes ~7 a batch)
    await client.query(
      `BEGIN; SET LOCAL ROLE ${TENANT_ROLE}; SELECT set_config('app.tenant', ${client.escapeLiteral(tenantId)}, true)`,
    );
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A connection that cannot even roll back is closed rather than handed out again
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}
