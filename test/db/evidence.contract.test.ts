import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PostgresEvidence } from '../../src/db/evidence-postgres.js';
import { withTenant } from '../../src/db/with-tenant.js';
import { EvidenceFiles } from '../../src/tips/evidence-files.js';
import type { EvidenceStore } from '../../src/tips/evidence-store.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { describeStoreContract } from '../helpers/store-contract.js';

const KEY = Buffer.alloc(32, 9);
const START = new Date('2026-03-20T03:00:00.000Z');
let now = START;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const image = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, n]), Buffer.alloc(70_000 + n, 'IMAGE-BYTES-')]);

describeStoreContract<EvidenceStore>(
  'evidence store contract',
  (dir) => Promise.resolve(new EvidenceFiles(path.join(dir, 'files'), KEY)),
  (scope) => Promise.resolve(new PostgresEvidence(scope, () => now)),
  (fresh) => {
    beforeEach(() => void (now = START));

    it('when images are kept, then each reads back whole after a restart, and a deleted one is gone', async () => {
      const { store, reopen } = await fresh();
      const [a, b] = [await store.put(image(1)), await store.put(image(2))];
      expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(a).not.toBe(b);
      const again = await reopen();
      expect((await again.read(a)).equals(image(1))).toBe(true);
      expect((await again.read(b)).equals(image(2))).toBe(true);
      await again.delete(a);
      await again.delete(a); // deleting twice is no error
      await expect(again.read(a)).rejects.toThrow();
      expect((await store.read(await store.put(Buffer.alloc(0)))).length).toBe(0);
    });

    it('when the sweep runs, then it removes old images nobody keeps, and leaves the kept and the new', async () => {
      // Real time here: the file backend dates an image by its file's time, the database by the bot's clock
      now = new Date();
      const { store } = await fresh();
      const [kept, abandoned] = [await store.put(image(1)), await store.put(image(2))];
      await pause(30);
      const before = new Date();
      await pause(30);
      now = new Date();
      const recent = await store.put(image(3));
      expect(await store.sweep(new Set([kept]), before)).toBe(1);
      await expect(store.read(abandoned)).rejects.toThrow();
      expect((await store.read(kept)).equals(image(1))).toBe(true);
      expect((await store.read(recent)).equals(image(3))).toBe(true);
      expect(await store.sweep(new Set(), new Date(0))).toBe(0);
    });

    it('when an id is not an evidence id, then it is refused before any lookup', async () => {
      const { store } = await fresh();
      await expect(store.read('../../etc/passwd')).rejects.toThrow(RangeError);
    });
  },
);

describe.skipIf(!hasPostgres)('evidence images in the database', () => {
  const db = useMigratedDatabase();

  it('when a byte of a sealed image is changed in its row, then reading it fails; another process reads a good one', async () => {
    const scope = await db().newTenant();
    const store = new PostgresEvidence(scope);
    const [good, bad] = [await store.put(image(1)), await store.put(image(2))];
    await withTenant(db().pool, scope.tenantId, (c) =>
      c.query("UPDATE tip_attachments SET sealed = overlay(sealed placing '\\x00'::bytea from 40) WHERE id = $1", [
        bad,
      ]),
    );
    await expect(store.read(bad)).rejects.toThrow();
    const other = new PostgresEvidence({ ...scope, pool: db().secondPool() });
    expect((await other.read(good)).equals(image(1))).toBe(true);
  });
});
