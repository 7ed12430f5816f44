import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PostgresConversationStore } from '../../src/db/conversation-store-postgres.js';
import { PostgresFriendStore } from '../../src/db/friend-store-postgres.js';
import { allRecipients } from '../../src/subscriptions/store/friend-store.js';
import { userId } from '../helpers/events.js';
import { postgresBin } from '../helpers/postgres-cluster.js';
import { adminUrlOf, hasPostgres } from '../helpers/postgres-database.js';
import { expectTenantWall } from '../helpers/postgres-isolation.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';

const run = promisify(execFile);
const now = new Date('2026-03-01T02:00:00.000Z');
const RESIDENT = 'U7f3a9c0d1e2b4a5968778695a4b3c2d1';
const DRAFT = 'ปลัดเทศบาลเรียกเงินค่าใบอนุญาต';
/** A tip draft in progress, at `step`. */
const draft = (step: string) => ({
  v: 1 as const,
  flow: 'tip',
  step,
  draft: { what: DRAFT },
  updatedAt: now.toISOString(),
});

describe.skipIf(!hasPostgres)('friends and conversation state in PostgreSQL', () => {
  const db = useMigratedDatabase();

  it('when two tenants have friends and conversations, then tenant A, even with no tenant filter, reads and changes none of B', async () => {
    const [a, b] = [await db().newTenant(), await db().newTenant()];
    for (const scope of [a, b]) {
      await new PostgresFriendStore(scope).follow(RESIDENT, now, ['news']);
      await new PostgresConversationStore(scope).save(RESIDENT, draft('what'));
    }
    for (const table of ['friends', 'conversations']) await expectTenantWall(db(), table, a.tenantId, b.tenantId);
  });

  it('when one friend changes topics through two processes at once, then both changes are kept', async () => {
    const scope = await db().newTenant();
    const [one, two] = [new PostgresFriendStore(scope), new PostgresFriendStore({ ...scope, pool: db().secondPool() })];
    await one.follow(userId(1), now, []);
    await Promise.all(
      ['news', 'announcement', 'procurement', 'measure', 'report'].map((t, i) =>
        (i % 2 ? one : two).subscribe(userId(1), [t], now),
      ),
    );
    expect((await one.get(userId(1)))?.topics).toHaveLength(5);
  });

  it('when a tenant has a friend and a tip draft in progress, then a pg_dump shows neither the user id nor the draft', async () => {
    const scope = await db().newTenant();
    const friends = new PostgresFriendStore(scope);
    await friends.subscribe(RESIDENT, ['procurement'], now);
    await new PostgresConversationStore(scope).save(RESIDENT, draft('where'));
    const { stdout: dump } = await run(
      path.join(postgresBin()!, 'pg_dump'),
      ['--data-only', '--table=friends', '--table=conversations', `--dbname=${adminUrlOf(db().name)}`],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    // The rows are in the dump (their clear parts), so the absences below mean something
    const [ref] = await allRecipients(friends.recipientPages('procurement'));
    for (const shown of [scope.tenantId, ref!, 'procurement']) expect(dump).toContain(shown);
    for (const secret of [RESIDENT, DRAFT, 'where']) expect(dump, secret).not.toContain(secret);
    expect(await friends.recipient(ref!, 'procurement')).toBe(RESIDENT);
  });
});
