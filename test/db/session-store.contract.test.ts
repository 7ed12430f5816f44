import { expect, it } from 'vitest';
import type { SessionRepository } from '../../src/console/session-repository.js';
import { csrfMatches, SESSION_LIMITS, SessionStore } from '../../src/console/sessions.js';
import { PostgresSessionStore } from '../../src/db/session-store-postgres.js';
import { describeStoreContract } from '../helpers/store-contract.js';

let now = 0;
const clock = () => new Date(now);
const MINUTE = 60_000;

describeStoreContract<SessionRepository>(
  'console session store contract',
  () => Promise.resolve(new SessionStore(clock)),
  (scope) => Promise.resolve(new PostgresSessionStore(scope, clock)),
  (fresh) => {
    it('when a session is created, then its cookie value finds it with its account, generation and CSRF token', async () => {
      now = Date.parse('2026-03-01T02:00:00.000Z');
      const { store } = await fresh();
      const { id, session } = await store.create('malee', 3);
      const found = await store.get(id);
      expect(found).toMatchObject({ name: 'malee', generation: 3, createdAt: now, seenAt: now });
      expect(csrfMatches(found!, session.csrf)).toBe(true);
      expect(csrfMatches(found!, 'forged')).toBe(false);
      expect(await store.get(`${id}x`)).toBeUndefined();
      expect(await store.get(undefined)).toBeUndefined();
    });

    it('when a session is idle past the limit, then it is gone; used within it, it lives on until its maximum age', async () => {
      now = Date.parse('2026-03-01T02:00:00.000Z');
      const { store } = await fresh();
      const busy = (await store.create('malee')).id;
      const idle = (await store.create('anan')).id;
      for (let m = 0; m < SESSION_LIMITS.maxAgeMs / MINUTE - 20; m += 20) {
        now += 20 * MINUTE;
        expect(await store.get(busy), `minute ${m + 20}`).toBeDefined();
      }
      expect(await store.get(idle)).toBeUndefined();
      now += 40 * MINUTE; // past twelve hours since it began
      expect(await store.get(busy)).toBeUndefined();
    });

    it('when a session or every session of an account is ended, then their cookies find nothing and others live', async () => {
      now = Date.parse('2026-03-01T02:00:00.000Z');
      const { store } = await fresh();
      const [a1, a2, b, visitor] = [
        (await store.create('malee')).id,
        (await store.create('malee')).id,
        (await store.create('anan')).id,
        (await store.create(null)).id,
      ];
      await store.destroy(b);
      await store.destroyAccount('malee');
      for (const id of [a1, a2, b]) expect(await store.get(id)).toBeUndefined();
      expect(await store.get(visitor)).toMatchObject({ name: null });
    });

    it('when more visitors arrive than the limit, then the oldest visitors go and logged-in sessions stay', async () => {
      now = Date.parse('2026-03-01T02:00:00.000Z');
      const { store } = await fresh();
      const limit = SESSION_LIMITS.maxVisitors;
      SESSION_LIMITS.maxVisitors = 3;
      try {
        const staff = (await store.create('malee')).id;
        const visitors: string[] = [];
        for (let i = 0; i < 5; i += 1) {
          now += 1000;
          visitors.push((await store.create(null)).id);
        }
        const alive = await Promise.all(visitors.map(async (id) => (await store.get(id)) !== undefined));
        expect(alive).toEqual([false, false, true, true, true]);
        expect(await store.get(staff)).toBeDefined();
      } finally {
        SESSION_LIMITS.maxVisitors = limit;
      }
    });
  },
);
