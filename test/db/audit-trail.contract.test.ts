import path from 'node:path';
import { expect, it } from 'vitest';
import { PostgresAuditTrail } from '../../src/db/audit-trail-postgres.js';
import { readAndVerifyAudit } from '../../src/staff/audit-file.js';
import { AuditLog } from '../../src/staff/audit-log.js';
import type { AuditTrail } from '../../src/staff/audit-trail.js';
import { describeStoreContract, type StoreHandle } from '../helpers/store-contract.js';

const KEY = Buffer.alloc(32, 2);
const fileOf = (dir: string) => path.join(dir, 'audit.jsonl');
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 2, minute));

/** The trail's own check, as `npm run audit:verify` runs it for each backend. */
async function verify({ place, store }: StoreHandle<AuditTrail>) {
  if (place.kind === 'file') return (await readAndVerifyAudit(fileOf(place.dir), KEY)).check;
  return (store as PostgresAuditTrail).verify();
}

describeStoreContract<AuditTrail>(
  'audit trail contract',
  (dir) => AuditLog.open(fileOf(dir), KEY),
  (scope) => Promise.resolve(new PostgresAuditTrail(scope)),
  (fresh) => {
    it('when entries are appended, then each chains to the one before and the trail verifies', async () => {
      const handle = await fresh();
      const { store } = handle;
      const first = await store.append(at(0), 'somchai', 'tip.status', 'tip:abc', { status: 'closed', notified: true });
      const second = await store.append(at(1), 'malee', 'account.create', 'account:malee');
      expect(first).toMatchObject({ seq: 1, prev: '0'.repeat(64), details: { status: 'closed', notified: true } });
      expect(second).toMatchObject({ seq: 2, prev: first.hash, actor: 'malee' });
      expect(await store.list()).toEqual([first, second]);
      expect(await verify(handle)).toEqual({ ok: true, count: 2 });
    });

    it('when listed by target, then only the entries about it come back, oldest first', async () => {
      const { store } = await fresh();
      await store.append(at(0), 'a', 'tip.note', 'tip:1');
      await store.append(at(1), 'a', 'tip.note', 'tip:2');
      await store.append(at(2), 'b', 'tip.status', 'tip:1', { status: 'assessing' });
      expect((await store.list({ target: 'tip:1' })).map((e) => [e.seq, e.action])).toEqual([
        [1, 'tip.note'],
        [3, 'tip.status'],
      ]);
      expect(await store.list({ target: 'tip:9' })).toEqual([]);
    });

    it('when the trail is opened again, then it goes on from the last entry and still verifies', async () => {
      const handle = await fresh();
      const last = await handle.store.append(at(0), 'a', 'login');
      await handle.store.close();
      const again = await handle.reopen();
      expect(await again.append(at(1), 'a', 'logout')).toMatchObject({ seq: 2, prev: last.hash });
      expect(await verify({ ...handle, store: again })).toEqual({ ok: true, count: 2 });
    });

    it('when nothing was appended, then the trail is empty and verifies', async () => {
      const handle = await fresh();
      expect(await handle.store.list()).toEqual([]);
      expect(await verify(handle)).toEqual({ ok: true, count: 0 });
    });
  },
);
