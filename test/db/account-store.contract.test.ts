import { expect, it } from 'vitest';
import { PostgresAccountStore } from '../../src/db/account-store-postgres.js';
import type { AccountRepository } from '../../src/staff/account-repository.js';
import { accountsFile, AccountStore, type Account } from '../../src/staff/account-store.js';
import { AT, sampleAccount } from '../helpers/account-sample.js';
import { describeStoreContract } from '../helpers/store-contract.js';

describeStoreContract<AccountRepository>(
  'staff account store contract',
  (dir) => Promise.resolve(new AccountStore(accountsFile(dir))),
  (scope) => Promise.resolve(new PostgresAccountStore(scope)),
  (fresh) => {
    it('when an account is created, then it reads back by any case of its name and lists by name', async () => {
      const { store, reopen } = await fresh();
      const created = await store.update('malee', () => sampleAccount('malee', { role: 'admin' }));
      await store.update('anan', () => sampleAccount('anan', { lastLoginAt: AT, lockedUntil: AT }));
      expect(created).toEqual(sampleAccount('malee', { role: 'admin' }));
      const other = await reopen();
      expect(await other.get('MALEE')).toEqual(created);
      expect((await other.list()).map((a) => a.name)).toEqual(['anan', 'malee']);
      expect(await other.get('anan')).toEqual(sampleAccount('anan', { lastLoginAt: AT, lockedUntil: AT }));
      expect(await other.get('nobody')).toBeUndefined();
    });

    it('when an update is applied, then the change sees the freshest record, including one written by another opener', async () => {
      const { store, reopen } = await fresh();
      await store.update('malee', () => sampleAccount('malee'));
      const other = await reopen();
      await other.update('malee', (a) => ({ ...a!, failures: a!.failures + 1 }));
      const seen: Array<number | undefined> = [];
      const after = await store.update('malee', (a) => {
        seen.push(a?.failures);
        const { lockedUntil: _gone, ...rest } = { ...a!, failures: 0, generation: a!.generation + 1 };
        return rest;
      });
      expect(seen).toEqual([1]);
      expect(after).toMatchObject({ failures: 0, generation: 1 });
      expect(await other.get('malee')).toEqual(after);
    });

    it('when the change throws or returns an invalid record, then nothing is written', async () => {
      const { store } = await fresh();
      await store.update('malee', () => sampleAccount('malee'));
      // The file store throws at once, PostgreSQL rejects: either way the caller's await fails
      const attempt = (change: Parameters<AccountRepository['update']>[1]) =>
        Promise.resolve().then(() => store.update('malee', change));
      await expect(
        attempt(() => {
          throw new Error('exists');
        }),
      ).rejects.toThrow('exists');
      await expect(attempt((a) => ({ ...a!, role: 'boss' as Account['role'] }))).rejects.toThrow();
      expect(await store.get('malee')).toEqual(sampleAccount('malee'));
    });
  },
);
