import { beforeEach, describe, expect, it } from 'vitest';
import { postgresLimits, pruneLimits } from '../../src/db/shared-limits-postgres.js';
import { memoryLimits, type SharedLimits } from '../../src/http/shared-limits.js';
import { FormNonces } from '../../src/tips/web/form-nonces.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { describeStoreContract } from '../helpers/store-contract.js';

const MINUTE = 60_000;
const START = new Date('2026-03-20T03:00:00.000Z'); // 10:00 in Bangkok
let now = START;
const clock = () => now;
const later = (ms: number) => (now = new Date(now.getTime() + ms));
const DAY_KEEP = 24 * 60 * MINUTE;

describeStoreContract<SharedLimits>(
  'shared limits contract',
  () => Promise.resolve(memoryLimits(clock)),
  (scope) => Promise.resolve(postgresLimits(scope, clock)),
  (fresh) => {
    beforeEach(() => void (now = START));

    it('when a client takes its limit, then the next is refused until the oldest attempt leaves the window', async () => {
      const { store } = await fresh();
      const lookups = store.limiter('tip-lookups', 3, 15 * MINUTE);
      for (let i = 0; i < 3; i++) {
        expect(await lookups.take('line:U1')).toBe(true);
        later(MINUTE);
      }
      expect([await lookups.take('line:U1'), await lookups.remaining('line:U1')]).toEqual([false, 0]);
      expect(await lookups.retryAfterSeconds('line:U1')).toBe(12 * 60);
      expect(await lookups.take('line:U2')).toBe(true); // another client's count is its own
      expect(await store.limiter('tip-form-posts', 3, 15 * MINUTE).take('line:U1')).toBe(true); // and another limit's
      later(12 * MINUTE);
      expect([await lookups.blocked('line:U1'), await lookups.remaining('line:U1')]).toEqual([false, 1]);
    });

    it('when failures are counted and then forgiven, then only that client starts again', async () => {
      const { store } = await fresh();
      const logins = store.limiter('console-login', 2, 15 * MINUTE);
      for (const who of ['10.0.0.1', '10.0.0.2']) for (let i = 0; i < 2; i++) await logins.count(who);
      await logins.forgive('10.0.0.1');
      expect([await logins.blocked('10.0.0.1'), await logins.blocked('10.0.0.2')]).toEqual([false, true]);
      expect(await logins.retryAfterSeconds('10.0.0.1')).toBe(0);
    });

    it('when a Bangkok-day quota is used up, then it opens again at Bangkok midnight', async () => {
      const { store } = await fresh();
      const quota = store.limiter('tip-quota', 2, 'bangkok-day');
      await quota.count('U1');
      await quota.count('U1');
      expect(await quota.remaining('U1')).toBe(0);
      expect(await quota.retryAfterSeconds('U1')).toBe(14 * 3600);
      now = new Date('2026-03-20T17:00:00.000Z'); // 00:00 the next day in Bangkok
      expect(await quota.remaining('U1')).toBe(2);
    });

    it('when a form has filed its tip, then it is refused again for a day, and a malformed value never is', async () => {
      const { store } = await fresh();
      const forms = new FormNonces(store.oneTime('tip-form', DAY_KEEP));
      const n = forms.issue();
      expect(await forms.wasUsed(n, now)).toBe(false);
      expect(await forms.markUsed(n, now)).toBe(true);
      expect([await forms.wasUsed(n, now), await forms.markUsed(n, now)]).toEqual([true, false]);
      expect(await forms.wasUsed(forms.issue(), now)).toBe(false);
      expect([await forms.markUsed('short', now), await forms.wasUsed('short', now)]).toEqual([true, false]);
      later(DAY_KEEP);
      expect([await forms.wasUsed(n, now), await forms.markUsed(n, now)]).toEqual([false, true]);
    });
  },
);

describe.skipIf(!hasPostgres)('limits and form values shared by two bot processes', () => {
  const db = useMigratedDatabase();
  const twoProcesses = async () => {
    const scope = await db().newTenant();
    return [postgresLimits(scope, clock), postgresLimits({ ...scope, pool: db().secondPool() }, clock)] as const;
  };

  it('when a client reaches a limit through one process, then the other refuses it too', async () => {
    now = START;
    const [a, b] = await twoProcesses();
    for (let i = 0; i < 20; i++) await (i % 2 ? a : b).limiter('console-login', 20, 15 * MINUTE).count('10.0.0.9');
    expect(await b.limiter('console-login', 20, 15 * MINUTE).blocked('10.0.0.9')).toBe(true);
    expect(await a.limiter('console-login', 20, 15 * MINUTE).blocked('10.0.0.9')).toBe(true);
    for (let i = 0; i < 10; i++) expect(await a.limiter('tip-lookups', 10, 15 * MINUTE).take('web:x')).toBe(true);
    expect(await b.limiter('tip-lookups', 10, 15 * MINUTE).take('web:x')).toBe(false);
  });

  it('when two processes take the last attempts at the same moment, then no more than the limit are granted', async () => {
    now = START;
    const [a, b] = await twoProcesses();
    const takes = Array.from({ length: 24 }, (_, i) => (i % 2 ? a : b).limiter('tip-lookups', 10, 15 * MINUTE));
    const granted = await Promise.all(takes.map((l) => l.take('line:U5')));
    expect(granted.filter(Boolean)).toHaveLength(10);
  });

  it('when limits and forms have not been used for a day, then the hourly prune deletes their rows, and keeps the recent', async () => {
    now = START;
    const scope = await db().newTenant();
    const limits = postgresLimits(scope, clock);
    await limits.limiter('tip-quota', 3, 'bangkok-day').count('line:U7');
    await limits.oneTime('tip-form', DAY_KEEP).markUsed('old-form-value-0000000', now);
    later(DAY_KEEP + MINUTE);
    await limits.limiter('console-login', 20, 15 * MINUTE).count('10.0.0.7');
    expect(await pruneLimits(scope, now)).toBe(2);
    expect(await db().dumpWhere('limit_hits', scope.tenantId)).toHaveLength(1);
    expect(await db().dumpWhere('form_nonces', scope.tenantId)).toEqual([]);
  });

  it('when a form is used through one process, then the other refuses it; of a double post at once only one files', async () => {
    now = START;
    const [a, b] = await twoProcesses();
    const [formsA, formsB] = [a, b].map((l) => new FormNonces(l.oneTime('tip-form', DAY_KEEP)));
    const n = formsA!.issue();
    expect(await formsA!.markUsed(n, now)).toBe(true);
    expect([await formsB!.wasUsed(n, now), await formsB!.markUsed(n, now)]).toEqual([true, false]);
    const m = formsA!.issue();
    const raced = await Promise.all([formsA!.markUsed(m, now), formsB!.markUsed(m, now)]);
    expect(raced.sort()).toEqual([false, true]);
  });
});
