import { describe, expect, it } from 'vitest';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { readInTenant, statementInTenant, textArrayLiteral } from '../../src/db/tenant-read.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const AT = new Date('2026-03-01T02:00:00.000Z');
const userId = (n: number) => `U${String(n).padStart(32, '0')}`;

describe.skipIf(!hasPostgres)('readInTenant: one read in one round trip, inside its tenant', () => {
  const db = useMigratedDatabase();

  it('when a statement forgets the tenant filter, then row-level security still shows only its tenant rows', async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    await new PostgresFriendStore(a).follow(userId(1), AT, ['news']);
    for (const n of [2, 3]) await new PostgresFriendStore(b).follow(userId(n), AT, ['news']);
    const count = async (scope: typeof a) =>
      (await readInTenant<{ n: string }>(scope, () => 'SELECT count(*) AS n FROM friends'))[0]!.n;
    expect([await count(a), await count(b)]).toEqual(['1', '2']);
  });

  it('when values hold quotes and backslashes, then they arrive as written, not as SQL', async () => {
    const scope = await db().newTenant();
    const odd = ["o'brien", 'back\\slash', '"; DROP TABLE friends; --', 'ไทย'];
    const rows = await readInTenant<{ v: string }>(scope, (c) => `SELECT unnest(${textArrayLiteral(c, odd)}) AS v`);
    expect(rows.map((r) => r.v)).toEqual(odd);
  });

  it('when the statement fails, then the error is thrown and the pool goes on serving', async () => {
    const scope = await db().newTenant();
    await expect(readInTenant(scope, () => 'SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    const again = await readInTenant<{ one: number }>(scope, () => 'SELECT 1 AS one');
    expect(again).toEqual([{ one: 1 }]);
    // The connection went back with neither the role nor the tenant left on it
    const left = await scope.pool.query<{ role: string; tenant: string | null }>(
      "SELECT current_user AS role, current_setting('app.tenant', true) AS tenant",
    );
    expect(left.rows[0]!.role).not.toBe('bot_tenant');
    expect(left.rows[0]!.tenant ?? '').toBe('');
  });

  it('when a statement has $1, $2 … values, then each arrives as its value (text that looks like $2 too), and an unknown kind is refused', async () => {
    const scope = await db().newTenant();
    const at = new Date('2026-03-01T02:00:00.000Z');
    const [row] = await statementInTenant<{ a: string; b: Date; c: number; d: null }>(
      scope,
      'SELECT $1::text AS a, $2::timestamptz AS b, $3::int AS c, $4::text AS d',
      ["it's $2 \\ not a value", at, 42, null],
    );
    expect(row).toEqual({ a: "it's $2 \\ not a value", b: at, c: 42, d: null });
    await expect(statementInTenant(scope, 'SELECT $1::text', [{ x: 1 }])).rejects.toThrow(/no SQL literal/);
  });
});
