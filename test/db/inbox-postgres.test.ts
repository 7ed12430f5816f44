import { describe, expect, it } from 'vitest';
import { seal } from '../../src/crypto/sealed.js';
import { withTenant } from '../../src/db/with-tenant.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { CLAIM_MS, PostgresInbox } from '../../src/db/inbox-postgres.js';
import { inboxEvent } from '../helpers/inbox-sample.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
let now = START;
const clock = () => new Date(now);

describe.skipIf(!hasPostgres)('the webhook inbox on PostgreSQL: processes, claims, tenants, sealing', () => {
  const db = useMigratedDatabase();

  it('when two processes receive the same events at once, then each event is admitted by exactly one of them', async () => {
    const scope = await db().newTenant();
    const inboxes = [new PostgresInbox(scope, clock), new PostgresInbox({ ...scope, pool: db().secondPool() }, clock)];
    const events = Array.from({ length: 30 }, (_, i) => inboxEvent(`คำถาม ${i}`));
    const rounds = await Promise.all(
      Array.from({ length: 6 }, (_, i) => inboxes[i % 2]!.admit(events.slice(i * 3, i * 3 + 15), clock())),
    );
    const admitted = rounds.flat().map((e) => e.id);
    expect(admitted).toHaveLength(30);
    expect(new Set(admitted)).toEqual(new Set(events.map((e) => e.id)));
  });

  it('when two processes take over the events of a dead one, then each event goes to one of them, and a live claim is left alone', async () => {
    now = START;
    const scope = await db().newTenant();
    const dead = new PostgresInbox(scope, clock);
    await dead.admit(
      Array.from({ length: 40 }, (_, i) => inboxEvent(`ค้าง ${i}`)),
      clock(),
    );
    now += CLAIM_MS + 1000;
    const alive = new PostgresInbox(scope, clock);
    const fresh = await alive.admit([inboxEvent('ใหม่')], clock());
    const takers = [new PostgresInbox(scope, clock), new PostgresInbox({ ...scope, pool: db().secondPool() }, clock)];
    const taken = (await Promise.all([takers[0]!.pending(), takers[1]!.pending(), takers[0]!.pending()])).flat();
    expect(taken).toHaveLength(40);
    expect(new Set(taken.map((e) => e.id)).size).toBe(40);
    expect(taken.map((e) => e.id)).not.toContain(fresh[0]!.id);
  });

  it('when a stored event fails the schema of today, then it is dropped: logged without content, marked handled, not handed out', async () => {
    now = START;
    const scope = await db().newTenant();
    const logger = createMemoryLogger();
    const inbox = new PostgresInbox(scope, clock, logger);
    const good = inboxEvent('ยังใช้ได้');
    await inbox.admit([good], clock());
    await withTenant(scope.pool, scope.tenantId, (c) =>
      c.query('INSERT INTO inbox_events (tenant_id, event_id, received_at, payload_sealed) VALUES ($1, $2, $3, $4)', [
        scope.tenantId,
        '01OLDSHAPE',
        clock(),
        seal(scope.keys.inbox, JSON.stringify({ type: 'message', text: 'ความลับ' })),
      ]),
    );
    now += CLAIM_MS + 1000;
    expect((await inbox.pending()).map((e) => e.id)).toEqual([good.id]);
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'stored event dropped: not a valid event', eventId: '01OLDSHAPE' }),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('ความลับ');
    expect(await inbox.admit([{ id: '01OLDSHAPE', event: good.event }], clock())).toEqual([]); // remembered as handled
  });

  it('when the table is dumped, then no message text or LINE user id appears, waiting or handled', async () => {
    const scope = await db().newTenant();
    const inbox = new PostgresInbox(scope, clock);
    const [waiting, handled] = [inboxEvent('ปลัดรับเงินใต้โต๊ะ', 0xabc), inboxEvent('เบอร์ 081-234-5678', 0xdef)];
    await inbox.admit([waiting, handled], clock());
    await inbox.done(handled.id, clock());
    const dump = await db().dump(['inbox_events']);
    expect(dump).toContain(waiting.id);
    for (const secret of [
      'ปลัด',
      '081-234-5678',
      'U0000000000000000000000000000abc',
      'U0000000000000000000000000000def',
    ])
      expect(dump).not.toContain(secret);
  });

  it("when tenant A's code forgets its tenant filter, then the database shows and changes none of B's events", async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    for (const scope of [a, b]) await new PostgresInbox(scope, clock).admit([inboxEvent('สวัสดี')], clock());
    await expectTenantWall(db(), 'inbox_events', a.tenantId, b.tenantId);
    now += CLAIM_MS + 1000;
    expect(await new PostgresInbox(a, clock).pending()).toHaveLength(1);
  });

  it("when tenant A is given tenant B's event id, then it is A's own new event: ids never collide across tenants", async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    const e = inboxEvent('สวัสดี');
    expect(await new PostgresInbox(b, clock).admit([e], clock())).toHaveLength(1);
    expect(await new PostgresInbox(a, clock).admit([e], clock())).toHaveLength(1);
  });
});
