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

/**
 * One statement written with $1, $2 … (as for client.query) in one round trip: each value is
 * put in as a quoted literal (text, a number, an ISO time, or NULL), so a batch's change costs
 * one round trip instead of three. The values are never read as SQL: the statement is the
 * caller's own text, and the replacement runs over it once.
 */
export function statementInTenant<R extends QueryResultRow>(
  scope: TenantScope,
  statement: string,
  values: readonly unknown[],
): Promise<R[]> {
  return readInTenant<R>(scope, (c) =>
    statement.replace(/\$(\d+)/g, (_, n: string) => literalOf(c, values[Number(n) - 1])),
  );
}

function literalOf(client: PoolClient, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return client.escapeLiteral(value);
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new TypeError(`no SQL literal for a value of type ${typeof value}`);
}

/** A text[] literal of `values` for a statement of readInTenant (one quoted JSON literal, whatever the values hold). */
export const textArrayLiteral = (client: PoolClient, values: readonly string[]): string =>
  `ARRAY(SELECT jsonb_array_elements_text(${client.escapeLiteral(JSON.stringify(values))}::jsonb))`;
