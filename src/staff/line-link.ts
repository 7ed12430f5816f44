import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { RateLimiter } from '../http/rate-limiter.js';
import { PrivateStore } from '../storage/private-store.js';
import type { StoreOptions } from '../storage/keyed-store.js';
import {
  LINK_CODE,
  LINK_CODE_REMEMBER_MS,
  type LineLinkStore,
  type RedeemResult,
  type StaffLineLink,
} from './line-link-store.js';

export { LINK_CODE, type LineLinkStore, type RedeemResult } from './line-link-store.js';

const LinkSchema = z.object({
  account: z.string(),
  userId: z.string().regex(/^U[0-9a-f]{32}$/),
  linkedAt: z.iso.datetime(),
});
type Link = z.infer<typeof LinkSchema>;

interface Code {
  account: string;
  expiresAt: number;
  used: boolean;
}

const MINUTE = 60_000;

/**
 * Which LINE account a staff member's test-sends go to. Nobody types a user id: the console
 * shows a short code, the staff member sends it to the bot from their own LINE, and the bot
 * learns the user id from that message. Links are kept sealed (PrivateStore, people key),
 * keyed by the staff account name, so the file holds no user id in clear. Codes live in
 * memory only: a restart within the 10 minutes asks for a new one.
 */
export class LineLinks implements LineLinkStore {
  private readonly codes = new Map<string, Code>();
  /** Wrong codes per LINE user (sliding 10 minutes). */
  private readonly wrong: RateLimiter;

  private constructor(
    private readonly store: PrivateStore<Link>,
    private readonly clock: () => Date,
  ) {
    this.wrong = new RateLimiter(clock, LINK_CODE.wrongTries, LINK_CODE.minutes * MINUTE);
  }

  static async open(file: string, key: Buffer, clock: () => Date, opts: StoreOptions = {}): Promise<LineLinks> {
    return new LineLinks(await PrivateStore.open(file, key, LinkSchema, undefined, opts), clock);
  }

  /** A new code for `account`; any earlier code of the account stops working. */
  issue(account: string): { code: string; expiresAt: Date } {
    const now = this.clock().getTime();
    this.forget(now);
    for (const [code, c] of this.codes)
      if (c.account === account && !c.used) this.codes.set(code, { ...c, expiresAt: Math.min(c.expiresAt, now) });
    let code: string;
    do code = String(randomInt(10 ** LINK_CODE.digits)).padStart(LINK_CODE.digits, '0');
    while (this.codes.has(code));
    const expiresAt = now + LINK_CODE.minutes * MINUTE;
    this.codes.set(code, { account, expiresAt, used: false });
    return { code, expiresAt: new Date(expiresAt) };
  }

  /** Links `userId` to the account whose code this is, once, within its time. */
  async redeem(userId: string, code: string): Promise<RedeemResult> {
    const now = this.clock().getTime();
    if (this.wrong.blocked(userId)) return { result: 'too-many' };
    const found = this.codes.get(code);
    if (!found) {
      this.wrong.count(userId);
      return { result: 'unknown' };
    }
    if (found.used) return { result: 'used' };
    if (found.expiresAt <= now) return { result: 'expired' };
    found.used = true;
    await this.store.set(found.account, { account: found.account, userId, linkedAt: new Date(now).toISOString() });
    this.wrong.forgive(userId);
    return { result: 'linked', account: found.account };
  }

  /** The LINE user id test-sends of `account` go to, if linked. */
  userIdOf(account: string): string | undefined {
    return this.store.peek(account)?.userId;
  }

  linkedAt(account: string): Date | undefined {
    const link = this.store.peek(account);
    return link ? new Date(link.linkedAt) : undefined;
  }

  async unlink(account: string): Promise<boolean> {
    if (!this.store.peek(account)) return false;
    await this.store.delete(account);
    return true;
  }

  list(): StaffLineLink[] {
    return this.store
      .refsWhere(() => true)
      .sort()
      .map((account) => ({ ...this.store.peek(account)! }));
  }

  /** Whether `code` is a code issued and not yet forgotten (a bare number in chat is only taken as a code then). */
  isIssued(code: string): boolean {
    return this.codes.has(code);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private forget(now: number): void {
    for (const [code, c] of this.codes) if (c.expiresAt + LINK_CODE_REMEMBER_MS < now) this.codes.delete(code);
  }
}
