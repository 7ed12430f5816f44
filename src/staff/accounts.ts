import type { AccountRepository } from './account-repository.js';
import { ACCOUNT_NAME, type Account } from './account-store.js';
import { DUMMY_HASH, hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './password.js';
import { isRole } from './roles.js';

/** Failed logins in a row before an account locks, and for how long. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

/** A refusal to show the person at the form or the command line (one Thai/English line). */
export class AccountError extends Error {
  override name = 'AccountError';
  constructor(
    readonly code:
      'bad_name' | 'bad_role' | 'exists' | 'unknown' | 'weak_password' | 'wrong_password' | 'last_admin' | 'reserved',
    message: string,
  ) {
    super(message);
  }
}

export type LoginResult =
  { ok: true; account: Account } | { ok: false; reason: 'invalid' | 'locked'; account?: Account };

/**
 * The console's accounts: create with a one-time password, log in with lockout, change or
 * reset a password, change a role, disable, end every session. Who did it is the caller's to
 * audit; this only keeps the accounts right.
 */
export class StaffAccounts {
  constructor(
    readonly store: AccountRepository,
    /** Names taken by STAFF_TOKENS, so the audit trail never mixes a person with a token. */
    private readonly reserved: ReadonlySet<string> = new Set(),
  ) {}

  async get(name: string): Promise<Account | undefined> {
    return this.store.get(name);
  }

  async list(): Promise<Account[]> {
    return this.store.list();
  }

  /** Creates an account; returns it with its one-time password (shown once, never stored). */
  async create(rawName: string, role: string, now: Date): Promise<{ account: Account; password: string }> {
    const name = rawName.trim().toLowerCase();
    if (!ACCOUNT_NAME.test(name))
      throw new AccountError(
        'bad_name',
        'name must be 2-32 letters a-z, digits, . _ or - (starting with a letter or digit)',
      );
    if (!isRole(role)) throw new AccountError('bad_role', 'role must be one of: editor, tip-handler, auditor, admin');
    if (this.reserved.has(name))
      throw new AccountError('reserved', `"${name}" is the name of a staff API token; choose another name`);
    if (await this.store.get(name)) throw new AccountError('exists', `an account named "${name}" already exists`);
    const password = oneTimePassword();
    const hash = await hashPassword(password);
    const at = now.toISOString();
    const account = await this.store.update(name, (current) => {
      if (current) throw new AccountError('exists', `an account named "${name}" already exists`);
      return {
        name,
        role,
        hash,
        mustChange: true,
        generation: 0,
        disabled: false,
        createdAt: at,
        changedAt: at,
        failures: 0,
      };
    });
    return { account, password };
  }

  /**
   * Checks a login. Unknown names cost the same scrypt as known ones; a locked account is
   * not checked at all until the lock ends; a disabled account is refused like a wrong password.
   */
  async login(rawName: string, password: string, now: Date): Promise<LoginResult> {
    const name = rawName.trim().toLowerCase();
    const found = ACCOUNT_NAME.test(name) ? await this.store.get(name) : undefined;
    if (found?.lockedUntil && found.lockedUntil > now.toISOString())
      return { ok: false, reason: 'locked', account: found };
    const matches = await verifyPassword(password, found?.hash ?? DUMMY_HASH);
    if (!found) return { ok: false, reason: 'invalid' };
    if (!matches || found.disabled) {
      // Counted on the freshest record inside the store's update: two failures at once both count
      const account = await this.store.update(name, (a) => {
        const failures = a!.failures + 1;
        const lock =
          failures >= LOCKOUT.failures
            ? { lockedUntil: new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString() }
            : {};
        return { ...a!, failures: lock.lockedUntil ? 0 : failures, ...lock };
      });
      return {
        ok: false,
        reason: account.lockedUntil && account.lockedUntil > now.toISOString() ? 'locked' : 'invalid',
        account,
      };
    }
    const account = await this.store.update(name, (a) => ({
      ...withoutLock(a!),
      failures: 0,
      lastLoginAt: now.toISOString(),
    }));
    return { ok: true, account };
  }

  /** The account's own change (after the one-time password, or any time); ends its other sessions. */
  async changePassword(name: string, current: string, next: string, now: Date): Promise<Account> {
    const account = await this.require(name);
    if (!(await verifyPassword(current, account.hash))) throw new AccountError('wrong_password', 'รหัสผ่านปัจจุบันไม่ถูกต้อง');
    const problem = passwordProblem(next, account.name) ?? (next === current ? 'รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านเดิม' : null);
    if (problem) throw new AccountError('weak_password', problem);
    const hash = await hashPassword(next);
    return await this.store.update(name, (a) => ({
      ...a!,
      hash,
      mustChange: false,
      generation: a!.generation + 1,
      changedAt: now.toISOString(),
    }));
  }

  /** A new one-time password (the old one stops working, every session ends). */
  async resetPassword(name: string, now: Date): Promise<{ account: Account; password: string }> {
    await this.require(name);
    const password = oneTimePassword();
    const hash = await hashPassword(password);
    const account = await this.store.update(name, (a) => ({
      ...withoutLock(a!),
      hash,
      mustChange: true,
      failures: 0,
      generation: a!.generation + 1,
      changedAt: now.toISOString(),
    }));
    return { account, password };
  }

  async setRole(name: string, role: string, now: Date): Promise<Account> {
    if (!isRole(role)) throw new AccountError('bad_role', 'role must be one of: editor, tip-handler, auditor, admin');
    return this.store.updateAmong(name, (a, all) => {
      keepAnAdmin(name, a, all, (it) => it.role === 'admin' && role !== 'admin');
      return { ...a, role, generation: a.generation + 1, changedAt: now.toISOString() };
    });
  }

  async setDisabled(name: string, disabled: boolean, now: Date): Promise<Account> {
    return this.store.updateAmong(name, (a, all) => {
      keepAnAdmin(name, a, all, (it) => disabled && it.role === 'admin');
      return { ...a, disabled, generation: a.generation + 1, changedAt: now.toISOString() };
    });
  }

  async unlock(name: string, now: Date): Promise<Account> {
    await this.require(name);
    return this.store.update(name, (a) => ({ ...withoutLock(a!), failures: 0, changedAt: now.toISOString() }));
  }

  /** Ends every session of the account (its cookies stop working on their next request). */
  async endSessions(name: string, now: Date): Promise<Account> {
    await this.require(name);
    return this.store.update(name, (a) => ({ ...a!, generation: a!.generation + 1, changedAt: now.toISOString() }));
  }

  private async require(name: string): Promise<Account> {
    const account = await this.store.get(name);
    if (!account) throw new AccountError('unknown', `no account named "${name}"`);
    return account;
  }
}

/**
 * Refuses a change to an unknown account, or one that would leave no working admin (nobody
 * could manage accounts). Runs inside the store's updateAmong, so two such changes at once
 * (two admins disabling each other, from two processes) see each other's result.
 */
function keepAnAdmin(
  name: string,
  account: Account | undefined,
  all: Account[],
  losesAdmin: (a: Account) => boolean,
): asserts account is Account {
  if (!account) throw new AccountError('unknown', `no account named "${name}"`);
  if (!losesAdmin(account)) return;
  const others = all.filter((a) => a.role === 'admin' && !a.disabled && a.name !== account.name);
  if (others.length === 0) throw new AccountError('last_admin', 'ต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งบัญชี');
}

function withoutLock(account: Account): Account {
  const { lockedUntil: _unlocked, ...rest } = account;
  return rest;
}
