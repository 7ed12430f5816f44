import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PostgresTipStore } from '../../src/db/tip-store-postgres.js';
import { DEFAULT_TIP_RULES } from '../../src/tips/deadlines.js';
import type { EvidenceFiles } from '../../src/tips/evidence-files.js';
import { TipDesk } from '../../src/tips/tip-desk.js';
import { TipRepo } from '../../src/tips/tip-repo.js';
import type { TipStore } from '../../src/tips/tip-store.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { describeStoreContract } from '../helpers/store-contract.js';
import { AT, sampleTip } from '../helpers/tip-sample.js';

const STAFF = ['somchai', 'malee', 'niran', 'somsri', 'pranee', 'wichai', 'kanda', 'arun'];

describeStoreContract<TipStore>(
  'tip store update',
  (dir) => TipRepo.open(path.join(dir, 'tips.jsonl'), Buffer.alloc(32, 1)),
  (scope) => Promise.resolve(new PostgresTipStore(scope)),
  (fresh) => {
    it('when eight changes to one tip arrive at once, then each saw the one before and every one is kept', async () => {
      const { store } = await fresh();
      const tip = await sampleTip(store);
      await store.save(tip);
      await Promise.all(
        STAFF.map((by) =>
          store.update(tip.id, (t) => ({
            ...t!,
            internalNotes: [...t!.internalNotes, { at: AT, by, sealed: store.sealText(`บันทึกของ ${by}`) }],
          })),
        ),
      );
      const after = (await store.get(tip.id))!;
      expect(after.internalNotes.map((n) => n.by).sort()).toEqual([...STAFF].sort());
    });

    it('when the change returns nothing, or the tip is unknown, then nothing is saved', async () => {
      const { store } = await fresh();
      const tip = await sampleTip(store);
      await store.save(tip);
      expect(await store.update(tip.id, () => undefined)).toBeUndefined();
      expect(await store.get(tip.id)).toEqual(tip);
      let seen: unknown = 'not called';
      expect(await store.update('zzzzzzzzzzzz', (t) => ((seen = t), undefined))).toBeUndefined();
      expect(seen).toBeUndefined();
      expect(await store.get('zzzzzzzzzzzz')).toBeUndefined();
    });
  },
);

describe.skipIf(!hasPostgres)('tip status changes from two processes on PostgreSQL', () => {
  const db = useMigratedDatabase();

  it('when two processes change one tip at the same moment, then the history keeps both changes in order', async () => {
    const scope = await db().newTenant();
    const here = new PostgresTipStore(scope);
    const there = new PostgresTipStore({ ...scope, pool: db().secondPool() });
    const tip = await sampleTip(here);
    await here.save(tip);
    const files = {} as EvidenceFiles;
    const now = new Date(AT);
    await Promise.all([
      new TipDesk(here, files, DEFAULT_TIP_RULES).changeStatus(tip.id, { status: 'assessing' }, 'somchai', now),
      new TipDesk(there, files, DEFAULT_TIP_RULES).changeStatus(tip.id, { status: 'investigating' }, 'malee', now),
    ]);
    const after = (await here.get(tip.id))!;
    expect(after.history).toHaveLength(2);
    // Each change started from the status the other left
    expect(after.history[0]!.from).toBe('received');
    expect(after.history[1]!.from).toBe(after.history[0]!.to);
    expect(after.status).toBe(after.history[1]!.to);
  });
});
