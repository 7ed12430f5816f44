import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PostgresLineLinks } from '../../src/db/line-links-postgres.js';
import { postgresLimits } from '../../src/db/shared-limits-postgres.js';
import { LineLinks } from '../../src/staff/line-link.js';
import type { LineLinkStore } from '../../src/staff/line-link-store.js';
import { userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { describeStoreContract } from '../helpers/store-contract.js';

const KEY = Buffer.alloc(32, 5);
const START = new Date('2026-03-20T03:00:00.000Z');
let now = START;
const clock = () => now;
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
/** A code the store did not issue (six digits, never the issued one). */
const otherThan = (code: string) => (code === '999999' ? '999998' : '999999');

describeStoreContract<LineLinkStore>(
  'staff LINE link store contract',
  (dir) => LineLinks.open(path.join(dir, 'staff-line-links.jsonl'), KEY, clock),
  (scope) => Promise.resolve(new PostgresLineLinks(scope, clock, postgresLimits(scope, clock))),
  (fresh) => {
    beforeEach(() => void (now = START));

    it('when a code is redeemed in time, then the account is linked once, and the link is read back after a restart', async () => {
      const { store, reopen } = await fresh();
      const first = await store.issue('somsri');
      const second = await store.issue('somsri');
      expect(second.expiresAt).toEqual(at(10));
      expect(await store.redeem(userId(5), first.code)).toEqual({ result: 'expired' });
      now = at(9);
      expect(await store.redeem(userId(5), second.code)).toEqual({ result: 'linked', account: 'somsri' });
      expect(await store.redeem(userId(6), second.code)).toEqual({ result: 'used' });
      const again = await reopen();
      expect([await again.userIdOf('somsri'), await again.linkedAt('somsri')]).toEqual([userId(5), at(9)]);
      expect([await again.userIdOf('malee'), await again.linkedAt('malee')]).toEqual([undefined, undefined]);
      expect(await again.list()).toEqual([{ account: 'somsri', userId: userId(5), linkedAt: at(9).toISOString() }]);
    });

    it('when a code comes late, is unknown, or is guessed five times, then it is refused as such', async () => {
      const { store } = await fresh();
      const { code } = await store.issue('somsri');
      now = at(10);
      expect(await store.redeem(userId(7), code)).toEqual({ result: 'expired' });
      for (let i = 0; i < 5; i++) expect((await store.redeem(userId(8), otherThan(code))).result).toBe('unknown');
      const fresh2 = await store.issue('somsri');
      expect((await store.redeem(userId(8), fresh2.code)).result).toBe('too-many');
      expect((await store.redeem(userId(9), fresh2.code)).result).toBe('linked');
      now = at(20.1);
      expect((await store.redeem(userId(8), (await store.issue('malee')).code)).result).toBe('linked');
    });

    it('when a link is removed, then test-sends have nowhere to go, and removing it again says so', async () => {
      const { store } = await fresh();
      await store.redeem(userId(5), (await store.issue('somsri')).code);
      expect(await store.unlink('somsri')).toBe(true);
      expect(await store.unlink('somsri')).toBe(false);
      expect([await store.userIdOf('somsri'), await store.list()]).toEqual([undefined, []]);
    });
  },
);

describe.skipIf(!hasPostgres)('staff LINE links on two bot processes', () => {
  const db = useMigratedDatabase();

  it("when one process's console shows a code, then a message to another process redeems it, and both see the link", async () => {
    now = START;
    const scope = await db().newTenant();
    const other = { ...scope, pool: db().secondPool() };
    const consoleSide = new PostgresLineLinks(scope, clock, postgresLimits(scope, clock));
    const webhookSide = new PostgresLineLinks(other, clock, postgresLimits(other, clock));
    const { code } = await consoleSide.issue('somsri');
    expect(await webhookSide.redeem(userId(5), code)).toEqual({ result: 'linked', account: 'somsri' });
    expect(await consoleSide.redeem(userId(6), code)).toEqual({ result: 'used' });
    expect(await consoleSide.userIdOf('somsri')).toBe(userId(5));
    // Wrong guesses spread over both processes count together
    for (let i = 0; i < 5; i++) await (i % 2 ? consoleSide : webhookSide).redeem(userId(8), otherThan(code));
    const next = await consoleSide.issue('malee');
    expect((await webhookSide.redeem(userId(8), next.code)).result).toBe('too-many');
  });
});
