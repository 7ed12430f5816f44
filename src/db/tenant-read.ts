import type { QueryResult, QueryResultRow } from 'pg';
import type { PoolClient } from './pool.js';
import type { TenantScope } from './tenant-scope.js';
import { TENANT_ROLE } from './with-tenant.js';

/**
 * One read inside the scope's tenant in a single round trip: the transaction, the role, the
 * tenant setting (as withTenant sets them, so row-level security applies), the statement and
 * the commit go to the server as one message. For a hot read only (a fan-out's user ids, 500 a
 * batch), where three round trips cost more than the statement: `statement` takes no
 * parameters, every value in it quoted by the client's escapeLiteral.
 */
export async function readInTenant<R extends QueryResultRow>(
  scope: TenantScope,
  statement: (client: PoolClient) => string,
): Promise<R[]> {
  const client = await scope.pool.connect();
  let broken: Error | undefined;
  try {
    const tenant = client.escapeLiteral(scope.tenantId);
    const results = (await client.query(
      `BEGIN; SET LOCAL ROLE ${TENANT_ROLE}; SELECT set_config('app.tenant', ${tenant}, true); ${statement(client)}; COMMIT`,
    )) as unknown as QueryResult<R>[];
    return results[3]!.rows;
  } catch (err) {
    // A statement that failed leaves the transaction open and aborted
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** A text[] literal of `values` for a statement of readInTenant (one quoted JSON literal, whatever the values hold). */
export const textArrayLiteral = (client: PoolClient, values: readonly string[]): string =>
  `ARRAY(SELECT jsonb_array_elements_text(${client.escapeLiteral(JSON.stringify(values))}::jsonb))`;
