import { afterAll, afterEach, describe } from 'vitest';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import { hasPostgres } from './postgres-database.js';
import { migratedDatabase, type TestDatabase } from './postgres-tenant.js';
import { tempDir } from './temp-dir.js';

/** Where one store of a test lives: a temp DATA_DIR, or a tenant of the test database. */
export type StorePlace = { kind: 'file'; dir: string } | { kind: 'postgres'; scope: TenantScope };

/** What a contract test gets: a fresh, empty store, and a second one on the same data (another process, or a restart). */
export interface StoreHandle<S> {
  store: S;
  place: StorePlace;
  reopen(): Promise<S>;
}

/**
 * One suite of behaviour tests run against both backends of a store: the file store under a
 * temp DATA_DIR, and the PostgreSQL store in a fresh tenant of a migrated database (skipped,
 * like every database test, when this machine has no PostgreSQL). `contract` registers its
 * tests with `fresh()`, which opens an empty store; stores are closed after each test.
 */
export function describeStoreContract<S extends object>(
  name: string,
  makeFileStore: (dir: string) => Promise<S>,
  makePostgresStore: (scope: TenantScope) => Promise<S>,
  contract: (fresh: () => Promise<StoreHandle<S>>) => void,
): void {
  describeBackend(
    `${name} (files)`,
    false,
    async () => {
      const place: StorePlace = { kind: 'file', dir: await tempDir() };
      return { place, open: () => makeFileStore(place.dir) };
    },
    contract,
  );
  let db: TestDatabase | undefined;
  describeBackend(
    `${name} (PostgreSQL)`,
    true,
    async () => {
      db ??= await migratedDatabase();
      const scope = await db.newTenant();
      return { place: { kind: 'postgres', scope } as StorePlace, open: () => makePostgresStore(scope) };
    },
    contract,
    () => db?.close(),
  );
}

/** Closes a store that has a close (files, pools); stores kept in memory have none. */
const closeStore = async (store: object): Promise<void> => {
  if ('close' in store && typeof store.close === 'function') await (store.close as () => Promise<void>)();
};

function describeBackend<S extends object>(
  title: string,
  needsPostgres: boolean,
  newPlace: () => Promise<{ place: StorePlace; open: () => Promise<S> }>,
  contract: (fresh: () => Promise<StoreHandle<S>>) => void,
  end?: () => Promise<void> | undefined,
): void {
  describe.skipIf(needsPostgres && !hasPostgres)(title, () => {
    const opened: S[] = [];
    const track = async (s: Promise<S>) => {
      opened.push(await s);
      return opened.at(-1)!;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map(closeStore));
    });
    afterAll(async () => {
      await end?.();
    });
    contract(async () => {
      const { place, open } = await newPlace();
      return { store: await track(open()), place, reopen: () => track(open()) };
    });
  });
}
