import { AccountSchema, type Account } from '../staff/account-store.js';
import type { AccountRepository } from '../staff/account-repository.js';
import type { PoolClient } from './pool.js';
import { inTenant, iso, type TenantScope } from './tenant-scope.js';

interface Row {
  name: string;
  role: string;
  password_hash: string;
  must_change: boolean;
  generation: number;
  disabled: boolean;
  created_at: Date;
  changed_at: Date;
  last_login_at: Date | null;
  failures: number;
  locked_until: Date | null;
}

const toAccount = (r: Row): Account =>
  AccountSchema.parse({
    name: r.name,
    role: r.role,
    hash: r.password_hash,
    mustChange: r.must_change,
    generation: r.generation,
    disabled: r.disabled,
    createdAt: iso(r.created_at),
    changedAt: iso(r.changed_at),
    ...(r.last_login_at ? { lastLoginAt: iso(r.last_login_at) } : {}),
    failures: r.failures,
    ...(r.locked_until ? { lockedUntil: iso(r.locked_until) } : {}),
  });

const UPSERT = `INSERT INTO staff_accounts (tenant_id, name, role, password_hash, must_change, generation, disabled,
    created_at, changed_at, last_login_at, failures, locked_until)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  ON CONFLICT (tenant_id, name) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
    must_change = EXCLUDED.must_change, generation = EXCLUDED.generation, disabled = EXCLUDED.disabled,
    changed_at = EXCLUDED.changed_at, last_login_at = EXCLUDED.last_login_at, failures = EXCLUDED.failures,
    locked_until = EXCLUDED.locked_until`;

/** The parameters of UPSERT, in its column order. */
const accountParams = (tenantId: string, a: Account): unknown[] => [
  tenantId,
  a.name,
  a.role,
  a.hash,
  a.mustChange,
  a.generation,
  a.disabled,
  a.createdAt,
  a.changedAt,
  a.lastLoginAt ?? null,
  a.failures,
  a.lockedUntil ?? null,
];

/**
 * One tenant's console accounts in PostgreSQL (staff_accounts). An update locks the account's
 * row key for its transaction (an advisory lock, which also covers an account not created
 * yet), reads the freshest record, applies the change and writes it: two processes changing
 * one account (two failed logins at once) never lose one of the changes.
 */
export class PostgresAccountStore implements AccountRepository {
  constructor(private readonly scope: TenantScope) {}

  get(name: string): Promise<Account | undefined> {
    return inTenant(this.scope, (c) => this.read(c, name.toLowerCase()));
  }

  list(): Promise<Account[]> {
    return inTenant(this.scope, async (c) => (await this.selectAll(c)).map(toAccount));
  }

  update(name: string, change: (current: Account | undefined) => Account): Promise<Account> {
    return this.change(name, false, change);
  }

  /** Also holds the tenant's accounts-wide lock (taken before the account's, so the two never wait on each other in a circle). */
  updateAmong(name: string, change: (current: Account | undefined, all: Account[]) => Account): Promise<Account> {
    return this.change(name, true, change);
  }

  private change(
    name: string,
    among: boolean,
    change: (current: Account | undefined, all: Account[]) => Account,
  ): Promise<Account> {
    const key = name.toLowerCase();
    const lock = "SELECT pg_advisory_xact_lock(hashtextextended('account:' || $1 || ':' || $2, 0))";
    return inTenant(this.scope, async (c) => {
      if (among) await c.query(lock, [this.scope.tenantId, '*']);
      await c.query(lock, [this.scope.tenantId, key]);
      const all = among ? (await this.selectAll(c)).map(toAccount) : [];
      const next = AccountSchema.parse(change(await this.read(c, key), all));
      await c.query(UPSERT, accountParams(this.scope.tenantId, next));
      return next;
    });
  }

  private async selectAll(c: PoolClient): Promise<Row[]> {
    const { rows } = await c.query<Row>('SELECT * FROM staff_accounts WHERE tenant_id = $1 ORDER BY name', [
      this.scope.tenantId,
    ]);
    return rows;
  }

  private async read(c: PoolClient, name: string): Promise<Account | undefined> {
    const { rows } = await c.query<Row>('SELECT * FROM staff_accounts WHERE tenant_id = $1 AND name = $2', [
      this.scope.tenantId,
      name,
    ]);
    return rows[0] && toAccount(rows[0]);
  }
}
