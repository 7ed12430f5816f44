import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { userRef } from '../crypto/keys.js';
import { openSealedText, seal } from '../crypto/sealed.js';
import type { AttemptLimiter, SharedLimits } from '../http/shared-limits.js';
import {
  LINK_CODE,
  LINK_CODE_REMEMBER_MS,
  type LineLinkStore,
  type RedeemResult,
  type StaffLineLink,
} from '../staff/line-link-store.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

const MINUTE = 60_000;
const UPSERT_LINK = `INSERT INTO staff_line_links (tenant_id, account, user_ref, user_sealed, linked_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (tenant_id, account) DO UPDATE SET user_ref = EXCLUDED.user_ref, user_sealed = EXCLUDED.user_sealed,
    linked_at = EXCLUDED.linked_at`;

interface CodeRow {
  account: string;
  expires_at: Date;
  used: boolean;
}

/**
 * One tenant's staff LINE links and link codes in PostgreSQL (staff_line_links,
 * staff_link_codes): the console of one process shows a code, the webhook of another redeems
 * it. The LINE user id is kept as a keyed hash and sealed (people key), never in clear; a code
 * is kept as a keyed hash of its digits. Wrong codes are counted per LINE user in the tenant's
 * shared limits, so guesses spread over processes are limited too.
 */
export class PostgresLineLinks implements LineLinkStore {
  private readonly codeKey: Buffer;
  private readonly wrong: AttemptLimiter;

  constructor(
    private readonly scope: TenantScope,
    private readonly clock: () => Date,
    limits: SharedLimits,
  ) {
    this.codeKey = Buffer.from(hkdfSync('sha256', scope.keys.people, Buffer.alloc(0), 'phonsai-bot:link-codes', 32));
    this.wrong = limits.limiter('line-link-code', LINK_CODE.wrongTries, LINK_CODE.minutes * MINUTE);
  }

  private codeHash(code: string): string {
    return createHmac('sha256', this.codeKey).update(code).digest('base64url');
  }

  issue(account: string): Promise<{ code: string; expiresAt: Date }> {
    const now = this.clock();
    const t = this.scope.tenantId;
    const expiresAt = new Date(now.getTime() + LINK_CODE.minutes * MINUTE);
    return inTenant(this.scope, async (c) => {
      await c.query('DELETE FROM staff_link_codes WHERE tenant_id = $1 AND expires_at < $2', [
        t,
        new Date(now.getTime() - LINK_CODE_REMEMBER_MS),
      ]);
      await c.query(
        'UPDATE staff_link_codes SET expires_at = LEAST(expires_at, $3) WHERE tenant_id = $1 AND account = $2 AND NOT used',
        [t, account, now],
      );
      // A code still remembered is never issued again (a clash is rare: a million codes)
      for (;;) {
        const code = String(randomInt(10 ** LINK_CODE.digits)).padStart(LINK_CODE.digits, '0');
        const { rowCount } = await c.query(
          `INSERT INTO staff_link_codes (tenant_id, code_hash, account, expires_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, code_hash) DO NOTHING`,
          [t, this.codeHash(code), account, expiresAt],
        );
        if (rowCount) return { code, expiresAt };
      }
    });
  }

  async redeem(userId: string, code: string): Promise<RedeemResult> {
    if (await this.wrong.blocked(userId)) return { result: 'too-many' };
    const now = this.clock();
    const answer = await inTenant(this.scope, async (c): Promise<RedeemResult> => {
      const { rows } = await c.query<CodeRow>(
        'SELECT account, expires_at, used FROM staff_link_codes WHERE tenant_id = $1 AND code_hash = $2 FOR UPDATE',
        [this.scope.tenantId, this.codeHash(code)],
      );
      const found = rows[0];
      if (!found) return { result: 'unknown' };
      if (found.used) return { result: 'used' };
      if (found.expires_at <= now) return { result: 'expired' };
      await c.query('UPDATE staff_link_codes SET used = true WHERE tenant_id = $1 AND code_hash = $2', [
        this.scope.tenantId,
        this.codeHash(code),
      ]);
      await c.query(UPSERT_LINK, [
        this.scope.tenantId,
        found.account,
        userRef(this.scope.keys, userId),
        seal(this.scope.keys.people, userId),
        now,
      ]);
      return { result: 'linked', account: found.account };
    });
    if (answer.result === 'unknown') await this.wrong.count(userId);
    if (answer.result === 'linked') await this.wrong.forgive(userId);
    return answer;
  }

  async userIdOf(account: string): Promise<string | undefined> {
    const row = await this.link(account);
    return row ? openSealedText(this.scope.keys.people, row.user_sealed) : undefined;
  }

  async linkedAt(account: string): Promise<Date | undefined> {
    return (await this.link(account))?.linked_at;
  }

  async unlink(account: string): Promise<boolean> {
    const { rowCount } = await inTenant(this.scope, (c) =>
      c.query('DELETE FROM staff_line_links WHERE tenant_id = $1 AND account = $2', [this.scope.tenantId, account]),
    );
    return (rowCount ?? 0) > 0;
  }

  async list(): Promise<StaffLineLink[]> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ account: string; user_sealed: string; linked_at: Date }>(
        'SELECT account, user_sealed, linked_at FROM staff_line_links WHERE tenant_id = $1 ORDER BY account',
        [this.scope.tenantId],
      ),
    );
    return rows.map((r) => ({
      account: r.account,
      userId: openSealedText(this.scope.keys.people, r.user_sealed),
      linkedAt: r.linked_at.toISOString(),
    }));
  }

  /** Writes links as they are (a town's, moved in); one already there with the same user and time is not written again. */
  async copyIn(links: StaffLineLink[]): Promise<number> {
    return inTenant(this.scope, async (c) => {
      let copied = 0;
      for (const l of links) {
        const ref = userRef(this.scope.keys, l.userId);
        const { rowCount } = await c.query(
          `${UPSERT_LINK} WHERE (staff_line_links.user_ref, staff_line_links.linked_at) IS DISTINCT FROM (EXCLUDED.user_ref, EXCLUDED.linked_at)`,
          [this.scope.tenantId, l.account, ref, seal(this.scope.keys.people, l.userId), l.linkedAt],
        );
        copied += rowCount ?? 0;
      }
      return copied;
    });
  }

  /** Nothing to close: the rows are the tenant's, the pool the service's. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async link(account: string): Promise<{ user_sealed: string; linked_at: Date } | undefined> {
    const { rows } = await inTenant(this.scope, (c) =>
      c.query<{ user_sealed: string; linked_at: Date }>(
        'SELECT user_sealed, linked_at FROM staff_line_links WHERE tenant_id = $1 AND account = $2',
        [this.scope.tenantId, account],
      ),
    );
    return rows[0];
  }
}
