import { randomBytes } from 'node:crypto';

const NONCE = /^[A-Za-z0-9_-]{22}$/;

/**
 * A random value in each tip form, remembered in memory once that form has filed a tip, so
 * reloading the receipt page (the browser posts again) does not file the same tip twice.
 * Not a cookie and not tied to anyone: it only names one copy of the form.
 */
export class FormNonces {
  private readonly used = new Map<string, number>();

  constructor(private readonly keepMs = 24 * 60 * 60 * 1000) {}

  issue(): string {
    return randomBytes(16).toString('base64url');
  }

  /** True when this form has already filed a tip (a missing or malformed value never has). */
  wasUsed(nonce: string, now: Date): boolean {
    const at = this.used.get(nonce);
    return NONCE.test(nonce) && at !== undefined && now.getTime() - at < this.keepMs;
  }

  markUsed(nonce: string, now: Date): void {
    if (!NONCE.test(nonce)) return;
    this.used.set(nonce, now.getTime());
    if (this.used.size > 10_000) {
      for (const [n, at] of this.used) if (now.getTime() - at >= this.keepMs) this.used.delete(n);
    }
  }
}
