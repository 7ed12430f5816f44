import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../src/staff/account-store.js';
import { AccountError, LOCKOUT, StaffAccounts } from '../../src/staff/accounts.js';
import { sampleAccount } from '../helpers/account-sample.js';
import { tempDir } from '../helpers/temp-dir.js';

const NOW = new Date('2026-03-02T03:00:00Z');

async function accountsWith(...names: Array<[string, 'admin' | 'editor']>) {
  const store = new AccountStore(path.join(await tempDir(), 'staff-accounts.json'));
  for (const [name, role] of names) store.update(name, () => sampleAccount(name, { role, mustChange: false }));
  return { store, accounts: new StaffAccounts(store) };
}

describe('StaffAccounts when requests arrive at the same moment', () => {
  it('when five wrong passwords arrive at once, then every one counts and the account locks', async () => {
    const { store, accounts } = await accountsWith(['somsri', 'editor']);
    const results = await Promise.all(
      Array.from({ length: LOCKOUT.failures }, () => accounts.login('somsri', 'wrong-password', NOW)),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(1);
    expect(store.get('somsri')!.lockedUntil).toBe(new Date(NOW.getTime() + LOCKOUT.minutes * 60_000).toISOString());
    expect((await accounts.login('somsri', 'wrong-password', NOW)).ok).toBe(false);
  });

  it('when the only two admins disable each other at once, then one is refused and one admin still works', async () => {
    const { accounts } = await accountsWith(['somsri', 'admin'], ['somchai', 'admin']);
    const results = await Promise.allSettled([
      accounts.setDisabled('somsri', true, NOW),
      accounts.setDisabled('somchai', true, NOW),
    ]);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AccountError] : []));
    expect(refused.map((e) => e.code)).toEqual(['last_admin']);
    const working = (await accounts.list()).filter((a) => a.role === 'admin' && !a.disabled);
    expect(working).toHaveLength(1);
  });

  it('when an admin is demoted while the other is disabled, then one change is refused', async () => {
    const { accounts } = await accountsWith(['somsri', 'admin'], ['somchai', 'admin']);
    const results = await Promise.allSettled([
      accounts.setRole('somsri', 'editor', NOW),
      accounts.setDisabled('somchai', true, NOW),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const working = (await accounts.list()).filter((a) => a.role === 'admin' && !a.disabled);
    expect(working).toHaveLength(1);
  });
});
