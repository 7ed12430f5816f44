import fs from 'node:fs';
import path from 'node:path';
import { LowSync } from 'lowdb';
import { z } from 'zod';
import { DurableJsonFileSync } from '../storage/json-document.js';
import type { AccountRepository } from './account-repository.js';
import { ROLES } from './roles.js';

/** Account names: what staff type to log in and what the audit trail records. */
export const ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export const AccountSchema = z.object({
  name: z.string().regex(ACCOUNT_NAME),
  role: z.enum(ROLES),
  /** scrypt hash (src/staff/password.ts); never the password. */
  hash: z.string(),
  /** Set for a one-time password: the console asks for a new one before anything else. */
  mustChange: z.boolean(),
  /** Raised to end every session of the account at once (logout everywhere, reset, disable). */
  generation: z.number().int().min(0),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  changedAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().optional(),
  /** Failed logins in a row; the account locks for a while when it reaches the limit. */
  failures: z.number().int().min(0),
  lockedUntil: z.iso.datetime().optional(),
});
export type Account = z.infer<typeof AccountSchema>;

const FileSchema = z.object({ v: z.literal(1), accounts: z.array(AccountSchema) });
type AccountsFile = z.infer<typeof FileSchema>;

/**
 * Console accounts in one small JSON file under DATA_DIR (a municipality has a handful of
 * staff). Both the running bot and `npm run staff` write it, so every read checks whether the
 * file changed on disk and every change is read-modify-write done synchronously (no await in
 * between, so no lost update inside the process) and replaced through the durable writer
 * (flushed temp file, rename, flushed folder; mode 0600). A damaged file stops with its name.
 */
export class AccountStore implements AccountRepository {
  private accounts = new Map<string, Account>();
  private stamp = '';
  private readonly db: LowSync<AccountsFile>;

  constructor(readonly file: string) {
    this.db = new LowSync(new DurableJsonFileSync(file, FileSchema, { indent: 1 }), { v: 1, accounts: [] });
    this.reload();
  }

  get(name: string): Account | undefined {
    this.reload();
    const account = this.accounts.get(name.toLowerCase());
    return account && structuredClone(account);
  }

  list(): Account[] {
    this.reload();
    return [...this.accounts.values()].sort((a, b) => a.name.localeCompare(b.name)).map((a) => structuredClone(a));
  }

  /** Applies `change` to the freshest copy and writes it; `change` returns the new record. */
  update(name: string, change: (current: Account | undefined) => Account): Account {
    return this.updateAmong(name, change);
  }

  /** Read, change and write with no await between: nothing else in the process runs in the middle. */
  updateAmong(name: string, change: (current: Account | undefined, all: Account[]) => Account): Account {
    const all = this.list();
    const next = AccountSchema.parse(change(structuredClone(this.accounts.get(name.toLowerCase())), all));
    this.accounts.set(next.name, next);
    this.write();
    return structuredClone(next);
  }

  private reload(): void {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    if (stamp === this.stamp) return;
    this.db.read();
    this.accounts = new Map(this.db.data.accounts.map((a) => [a.name, a]));
    this.stamp = stamp;
  }

  private write(): void {
    this.db.data = { v: 1, accounts: [...this.accounts.values()] };
    this.db.write();
    const stat = fs.statSync(this.file);
    this.stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  }
}

export const accountsFile = (dataDir: string) => path.join(dataDir, 'state', 'staff-accounts.json');
