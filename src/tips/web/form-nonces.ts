import { randomBytes } from 'node:crypto';
import { MemoryOneTimeValues, type OneTimeValues } from '../../http/shared-limits.js';

const NONCE = /^[A-Za-z0-9_-]{22}$/;
/** How long a used form is remembered. */
export const NONCE_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * A random value in each tip form, remembered once that form has filed a tip, so reloading
 * the receipt page (the browser posts again) does not file the same tip twice. Not a cookie
 * and not tied to anyone: it only names one copy of the form. Remembered in memory for one
 * town, in the database for a tenant of the shared service (the reload may reach another
 * process): `used` says where.
 */
export class FormNonces {
  constructor(private readonly used: OneTimeValues = new MemoryOneTimeValues(NONCE_KEEP_MS)) {}

  issue(): string {
    return randomBytes(16).toString('base64url');
  }

  /** True when this form has already filed a tip (a missing or malformed value never has). */
  async wasUsed(nonce: string, now: Date): Promise<boolean> {
    return NONCE.test(nonce) && (await this.used.wasUsed(nonce, now));
  }

  /** Marks the form used; false when it already was (a second post won the race). A malformed value is never marked. */
  async markUsed(nonce: string, now: Date): Promise<boolean> {
    return !NONCE.test(nonce) || (await this.used.markUsed(nonce, now));
  }
}
