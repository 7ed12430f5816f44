import type { Account } from '../../src/staff/account-store.js';

export const AT = '2026-03-01T02:00:00.000Z';

/** An account as StaffAccounts.create makes it (the hash is a stand-in: no scrypt needed here). */
export const sampleAccount = (name: string, over: Partial<Account> = {}): Account => ({
  name,
  role: 'editor',
  hash: 'scrypt$stand-in',
  mustChange: true,
  generation: 0,
  disabled: false,
  createdAt: AT,
  changedAt: AT,
  failures: 0,
  ...over,
});
