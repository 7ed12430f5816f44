import { expect } from 'vitest';
import { withTenant } from '../../src/db/with-tenant.js';
import type { TestDatabase } from './postgres-tenant.js';

/**
 * The database's own wall between two tenants of one table, with the code's tenant filter
 * wrong on purpose: inside tenant `a`, queries with no WHERE or naming `b` read only a's rows,
 * change none of b's, and a row written in b's name (a copy of one of a's, or one of a's
 * moved) is refused. b's rows, as the superuser sees them, are the same before and after.
 */
export async function expectTenantWall(db: TestDatabase, table: string, a: string, b: string): Promise<void> {
  const before = await db.dumpWhere(table, b);
  expect(before.length, `${table}: tenant b needs rows for the test to mean anything`).toBeGreaterThan(0);
  const seen = await withTenant(db.pool, a, async (c) => {
    const all = await c.query<{ tenant_id: string }>(`SELECT tenant_id FROM ${table}`);
    const named = await c.query(`SELECT * FROM ${table} WHERE tenant_id = $1`, [b]);
    const updated = await c.query(`UPDATE ${table} SET tenant_id = tenant_id WHERE tenant_id = $1`, [b]);
    const deleted = await c.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [b]);
    return {
      tenants: [...new Set(all.rows.map((r) => r.tenant_id))],
      named: named.rowCount,
      changed: [updated.rowCount, deleted.rowCount],
    };
  });
  expect(seen).toEqual({ tenants: [a], named: 0, changed: [0, 0] });
  const copy = `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, to_jsonb(x) || jsonb_build_object('tenant_id', $1::text))).* FROM ${table} x LIMIT 1`;
  await expect(withTenant(db.pool, a, (c) => c.query(copy, [b]))).rejects.toMatchObject({ code: '42501' });
  const move = withTenant(db.pool, a, (c) => c.query(`UPDATE ${table} SET tenant_id = $1`, [b]));
  await expect(move).rejects.toMatchObject({ code: '42501' });
  expect(await db.dumpWhere(table, b)).toEqual(before);
}
