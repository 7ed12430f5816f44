import { describe, expect, it } from 'vitest';
import { PostgresTipStore } from '../../src/db/tip-store-postgres.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { AT, sampleTip } from '../helpers/tip-sample.js';

const TIP_TABLES = ['tips', 'tip_status_history', 'tip_number_counters'];

describe.skipIf(!hasPostgres)('tips on PostgreSQL: processes, tenants, sealing', () => {
  const db = useMigratedDatabase();

  it('when two processes hand out numbers at the same moment, then no number is given twice', async () => {
    const scope = await db().newTenant();
    const stores = [new PostgresTipStore(scope), new PostgresTipStore({ ...scope, pool: db().secondPool() })];
    const at = new Date('2026-03-01T00:00:00Z');
    const numbers = await Promise.all(Array.from({ length: 40 }, (_, i) => stores[i % 2]!.nextNumber(at)));
    expect(new Set(numbers).size).toBe(40);
    expect([...numbers].sort().at(-1)).toBe('2569-0040');
  });

  it('when a tip arrives with a number already given (copied from files), then later numbers follow it', async () => {
    const store = new PostgresTipStore(await db().newTenant());
    await store.save(await sampleTip(store, { number: '2569-0041' }));
    await store.save(await sampleTip(store, { number: '2569-0007' }));
    // 0042 went to the second sample (which takes a number before its own replaces it)
    expect(await store.nextNumber(new Date(AT))).toBe('2569-0043');
  });

  it("when tenant A's code forgets its tenant filter, then the database shows and changes none of B's tips", async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    for (const scope of [a, b]) {
      const store = new PostgresTipStore(scope);
      const tip = await sampleTip(store);
      await store.save({ ...tip, history: [{ at: tip.receivedAt, from: 'received', to: 'assessing', by: 'somchai' }] });
    }
    for (const table of TIP_TABLES) await expectTenantWall(db(), table, a.tenantId, b.tenantId);
    expect(await new PostgresTipStore(a).all()).toHaveLength(1);
  });

  it("when another tenant's key opens a tip, then it fails: each town's tips are sealed under its own key", async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    const tip = await sampleTip(new PostgresTipStore(a));
    expect(() => new PostgresTipStore(b).openContent(tip)).toThrow(/damaged or the key is wrong/);
  });

  it('when the tables are dumped, then no tip text, reporter contact or LINE user id appears', async () => {
    const store = new PostgresTipStore(await db().newTenant());
    const tip = await sampleTip(store, {
      content: store.sealContent({
        what: 'ปลัดรับเงินใต้โต๊ะ',
        who: 'นายสมชาย',
        when: 'เมื่อวาน',
        where: 'ตลาดสด',
        additions: [{ at: '2026-03-01T02:00:00.000Z', text: 'โทร 081-234-5678' }],
      }),
      outcome: store.sealText('ลงโทษทางวินัย'),
      publicNotes: [{ at: '2026-03-01T02:00:00.000Z', sealed: store.sealText('รับเรื่องแล้ว') }],
    });
    await store.save(tip);
    const dump = await db().dump(TIP_TABLES);
    expect(dump).toContain(tip.id); // the dump is of the right rows
    for (const secret of ['ปลัด', 'สมชาย', 'ตลาดสด', '081-234-5678', 'U0123456789abcdef', 'ลงโทษ', 'รับเรื่องแล้ว'])
      expect(dump).not.toContain(secret);
  });
});
