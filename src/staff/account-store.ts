import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
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

/**
 * Console accounts in one small JSON file under DATA_DIR (a municipality has a handful of
 * staff). Both the running bot and `npm run staff` write it, so every read checks whether the
 * file changed on disk and every change is read-modify-write done synchronously (no await in
 * between, so no lost update inside the process) and replaced atomically (temp file, rename).
 */
export class AccountStore {
  private accounts = new Map<string, Account>();
  private stamp = '';

  constructor(readonly file: string) {
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
    this.reload();
    const next = AccountSchema.parse(change(structuredClone(this.accounts.get(name.toLowerCase()))));
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
    const parsed = FileSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file}: not a valid accounts file (${parsed.error.issues[0]?.message})`);
    this.accounts = new Map(parsed.data.accounts.map((a) => [a.name, a]));
    this.stamp = stamp;
  }

  private write(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const text = JSON.stringify({ v: 1, accounts: [...this.accounts.values()] }, null, 1) + '\n';
    // Atomic write: a reader (the other process) sees the old file or the new one
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    const stat = fs.statSync(this.file);
    this.stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  }
}

export const accountsFile = (dataDir: string) => path.join(dataDir, 'state', 'staff-accounts.json');
