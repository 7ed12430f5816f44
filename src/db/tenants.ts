import { hkdfSync, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { openSealed, openSealedText, seal } from '../crypto/sealed.js';

/** A municipality's id: it names its webhook (/webhook/ID), so lowercase letters, digits and -. */
export const TENANT_ID = /^[a-z0-9-]{2,32}$/;
export type TenantStatus = 'active' | 'suspended';

/** The longest name a municipality may have: it heads every page, also on a 360 px phone. */
export const TENANT_NAME_MAX = 100;
/** Control characters, line and paragraph separators, and bidi overrides (which would disguise a name). */
const HIDDEN_CHARACTERS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * A municipality's name as its pages and chat show it ("เทศบาลตำบลบ้านใหม่"), trimmed:
 * 1-100 characters, nothing hidden. The same rule in the admin API, the command and the table.
 */
export const TenantName = z
  .string()
  .trim()
  .min(1, 'the name is empty')
  .max(TENANT_NAME_MAX, `the name is longer than ${TENANT_NAME_MAX} characters`)
  .refine((name) => !HIDDEN_CHARACTERS.test(name), 'the name holds a control character');

/** What anyone may see of a tenant: never its secrets. */
export interface Tenant {
  id: string;
  name: string;
  status: TenantStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** A tenant's LINE channel credentials and its own data key, opened from their sealed columns. */
export interface TenantSecrets {
  channelSecret: string;
  accessToken: string;
  dataKey: Buffer;
}

export class TenantError extends Error {
  override name = 'TenantError';
  constructor(
    readonly code: 'bad_id' | 'bad_name' | 'bad_secret' | 'exists' | 'unknown',
    message: string,
  ) {
    super(message);
  }
}

const COLUMNS = 'id, name, status, created_at, updated_at';
interface Row {
  id: string;
  name: string;
  status: TenantStatus;
  created_at: Date;
  updated_at: Date;
}
const toTenant = (r: Row): Tenant => ({
  id: r.id,
  name: r.name,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The tenants table, for the service administrator (the `tenant` command, later the console).
 * Channel secret, access token and a fresh 32-byte data key are sealed (AES-256-GCM) under a
 * subkey of SERVICE_KEY before they reach the database, so a dump shows none of them.
 */
export class TenantRepository {
  private readonly sealKey: Buffer;

  constructor(
    private readonly pool: Pool,
    serviceKey: Buffer,
  ) {
    this.sealKey = Buffer.from(hkdfSync('sha256', serviceKey, Buffer.alloc(0), 'phonsai-bot:tenant-secrets', 32));
  }

  async add(
    input: { id: string; name: string; channelSecret: string; accessToken: string },
    now = new Date(),
  ): Promise<Tenant> {
    const name = checkInput(input);
    const sealed = [input.channelSecret, input.accessToken].map((s) => seal(this.sealKey, s));
    try {
      const { rows } = await this.pool.query<Row>(
        `INSERT INTO tenants (id, name, channel_secret_sealed, access_token_sealed, data_key_sealed, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${COLUMNS}`,
        [input.id, name, sealed[0], sealed[1], seal(this.sealKey, randomBytes(32)), now],
      );
      return toTenant(rows[0]!);
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw new TenantError('exists', `tenant "${input.id}" already exists`);
      throw err;
    }
  }

  async list(): Promise<Tenant[]> {
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM tenants ORDER BY id`);
    return rows.map(toTenant);
  }

  async setStatus(id: string, status: TenantStatus, now = new Date()): Promise<Tenant> {
    return this.change(id, 'status', status, now);
  }

  /** Renames the municipality: its pages and chat say the new name within a few seconds (tenant-runtimes.ts). */
  async rename(id: string, name: string, now = new Date()): Promise<Tenant> {
    return this.change(id, 'name', checkName(name), now);
  }

  private async change(id: string, column: 'status' | 'name', value: string, now: Date): Promise<Tenant> {
    checkId(id);
    const { rows } = await this.pool.query<Row>(
      `UPDATE tenants SET ${column} = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, value, now],
    );
    if (!rows[0]) throw new TenantError('unknown', `no tenant "${id}"`);
    return toTenant(rows[0]);
  }

  /**
   * Replaces the tenant's data key (sealed like the others). Only for a tenant that holds no
   * data yet: src/db/town-key.ts checks that before a town's own key is adopted.
   */
  async setDataKey(id: string, dataKey: Buffer, now = new Date()): Promise<void> {
    checkId(id);
    if (dataKey.length !== 32) throw new TenantError('bad_secret', 'a data key is 32 bytes');
    const { rowCount } = await this.pool.query(
      'UPDATE tenants SET data_key_sealed = $2, updated_at = $3 WHERE id = $1',
      [id, seal(this.sealKey, dataKey), now],
    );
    if (!rowCount) throw new TenantError('unknown', `no tenant "${id}"`);
  }

  /** The tenant's opened secrets, or null when there is no such tenant. */
  async secrets(id: string): Promise<TenantSecrets | null> {
    const { rows } = await this.pool.query<{ c: string; a: string; k: string }>(
      'SELECT channel_secret_sealed AS c, access_token_sealed AS a, data_key_sealed AS k FROM tenants WHERE id = $1',
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      channelSecret: openSealedText(this.sealKey, r.c),
      accessToken: openSealedText(this.sealKey, r.a),
      dataKey: openSealed(this.sealKey, r.k),
    };
  }
}

function checkId(id: string): void {
  if (!TENANT_ID.test(id))
    throw new TenantError('bad_id', `tenant id "${id.slice(0, 40)}" must be 2-32 of a-z, 0-9 and -`);
}

/** Checks what `add` is given; returns the trimmed name. Never repeats a secret's value. */
function checkInput(input: { id: string; name: string; channelSecret: string; accessToken: string }): string {
  checkId(input.id);
  const name = checkName(input.name);
  if (!input.channelSecret.trim()) throw new TenantError('bad_secret', 'the channel secret is empty');
  if (!input.accessToken.trim()) throw new TenantError('bad_secret', 'the access token is empty');
  return name;
}

/** The name as it will be shown (trimmed), or a TenantError saying what is wrong with it. */
function checkName(name: string): string {
  const checked = TenantName.safeParse(name);
  if (!checked.success) throw new TenantError('bad_name', checked.error.issues[0]!.message);
  return checked.data;
}
