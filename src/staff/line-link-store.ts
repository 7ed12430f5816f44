import type { Awaitable } from '../storage/awaitable.js';

export type RedeemResult =
  { result: 'linked'; account: string } | { result: 'unknown' | 'expired' | 'used' | 'too-many' };

/** A link code: 6 digits, good for 10 minutes, once; a LINE user may try 5 wrong ones per 10 minutes. */
export const LINK_CODE = { digits: 6, minutes: 10, wrongTries: 5 } as const;

/** Issued codes are remembered this long after they expire, so a late one is told "expired", not "wrong". */
export const LINK_CODE_REMEMBER_MS = 24 * 60 * 60 * 1000;

/** A staff account's linked LINE user, as both stores list it. */
export interface StaffLineLink {
  account: string;
  userId: string;
  /** ISO time. */
  linkedAt: string;
}

/**
 * Which LINE account a staff member's test-sends go to, and the one-time codes that link it:
 * the single town's sealed file and memory (LineLinks), or a tenant's rows in PostgreSQL
 * (PostgresLineLinks), where a code shown by one bot process is redeemed through another.
 * Callers await every call.
 */
export interface LineLinkStore {
  /** A new code for `account`; any earlier code of the account stops working. */
  issue(account: string): Awaitable<{ code: string; expiresAt: Date }>;
  /** Links `userId` to the account whose code this is, once, within its time. */
  redeem(userId: string, code: string): Promise<RedeemResult>;
  /** The LINE user id test-sends of `account` go to, if linked. */
  userIdOf(account: string): Awaitable<string | undefined>;
  linkedAt(account: string): Awaitable<Date | undefined>;
  unlink(account: string): Promise<boolean>;
  /** Every link, by account name (for the move into the shared service and its check). */
  list(): Awaitable<StaffLineLink[]>;
  close(): Promise<void>;
}
