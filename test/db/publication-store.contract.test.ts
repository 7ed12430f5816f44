import path from 'node:path';
import { expect, it } from 'vitest';
import { PostgresPublicationStore } from '../../src/db/publication-store-postgres.js';
import { PublicationRepo } from '../../src/publications/publication-repo.js';
import { START_LEASE_MS, type PublicationStore } from '../../src/publications/publication-store.js';
import { describeStoreContract } from '../helpers/store-contract.js';
import { samplePublication } from '../publications/publication-sample.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
const at = (ms: number) => new Date(START + ms);
const ids = (pubs: Array<{ id: string }>) => pubs.map((p) => p.id);

describeStoreContract<PublicationStore>(
  'publication store contract',
  (dir) => PublicationRepo.open(path.join(dir, 'publications.jsonl')),
  (scope) => Promise.resolve(new PostgresPublicationStore(scope)),
  (fresh) => {
    it('when publications are saved, then they read back whole, newest first, and a change replaces the old', async () => {
      const { store, reopen } = await fresh();
      const older = samplePublication({ createdAt: '2026-03-01T01:00:00.000Z' });
      const newer = samplePublication({ createdAt: '2026-03-01T01:30:00.000Z', title: 'งดจ่ายน้ำประปา' });
      await store.save(older);
      await store.save(newer);
      await store.save({ ...older, title: 'แก้ไขแล้ว' });
      expect(await store.get(older.id)).toEqual({ ...older, title: 'แก้ไขแล้ว' });
      expect(await store.get('pub-missing')).toBeUndefined();
      expect(ids(await (await reopen()).list())).toEqual([newer.id, older.id]);
    });

    it('when publications are scheduled, then due lists those whose time came, oldest first, and nextDue the earliest', async () => {
      const { store } = await fresh();
      const late = samplePublication({ publishAt: at(60_000).toISOString() });
      const early = samplePublication({ publishAt: at(-60_000).toISOString() });
      const sent = samplePublication({ publishAt: at(-120_000).toISOString(), status: 'sent' });
      for (const p of [late, early, sent]) await store.save(p);
      expect(ids(await store.due(at(0)))).toEqual([early.id]);
      expect(ids(await store.due(at(60_000)))).toEqual([early.id, late.id]);
      expect(await store.nextDue()).toEqual(at(-60_000));
    });

    it('when a due publication is claimed, then it is handed out once during the lease, again after it, and never once started', async () => {
      const { store } = await fresh();
      const due = samplePublication({ publishAt: at(0).toISOString() });
      const other = samplePublication({ publishAt: at(0).toISOString() });
      await store.save(due);
      await store.save(other);
      expect(new Set(ids(await store.claimDue(at(1000))))).toEqual(new Set([due.id, other.id]));
      expect(await store.claimDue(at(2000))).toEqual([]);
      await store.save({ ...other, status: 'sending', deliveryState: 'sending', publishedAt: at(2000).toISOString() });
      expect(ids(await store.claimDue(at(START_LEASE_MS + 1001)))).toEqual([due.id]);
    });

    it('when sending has started, then the publication is public and counted in its period, a cancelled one is not', async () => {
      const { store } = await fresh();
      const a = samplePublication({ status: 'sent', publishedAt: at(0).toISOString() });
      const b = samplePublication({ status: 'sending', publishedAt: at(5000).toISOString() });
      const c = samplePublication({ status: 'cancelled', publishedAt: at(9000).toISOString() });
      for (const p of [a, b, c, samplePublication()]) await store.save(p);
      expect(ids(await store.published())).toEqual([b.id, a.id]);
      expect(await store.countPublished(at(0), at(5000))).toBe(1);
      expect(await store.countPublished(at(0), at(10_000))).toBe(3);
    });

    it('when a claimed publication is cancelled before its start is saved, then it stays cancelled', async () => {
      const { store, reopen } = await fresh();
      const pub = samplePublication({ publishAt: at(0).toISOString() });
      await store.save(pub);
      expect(ids(await store.claimDue(at(1000)))).toEqual([pub.id]);
      const cancelled = { ...pub, status: 'cancelled' as const, deliveryState: 'cancelled' as const };
      await store.save(cancelled);
      await store.save({ ...pub, status: 'sending', deliveryState: 'sending', publishedAt: at(2000).toISOString() });
      expect(await store.get(pub.id)).toEqual(cancelled);
      expect(await (await reopen()).get(pub.id)).toEqual(cancelled);
      expect(await store.published()).toEqual([]);
    });
  },
);
