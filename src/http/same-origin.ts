import type { Request } from 'express';

/** The host a header's URL names; null when it is not a URL (then it counts as another site). */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/**
 * The one rule for "did this post come from one of our own pages", used by the console's
 * forms and the tip form before anything else is read. Every signal the browser gives is
 * asked, and any one naming another site refuses:
 * - Sec-Fetch-Site: only `same-origin` (our page) or `none` (typed, bookmarked) pass; a
 *   sibling subdomain (`same-site`) is another site too.
 * - Origin: with our no-referrer policy it is "null" for our own forms, so it counts only
 *   when it names a real origin, and then that must be this host.
 * - Referer: our pages send none (no-referrer); one that names another host is another site.
 * A request with none of them (a command-line client) passes: the CSRF token or the form's
 * one-time nonce still guards it.
 */
export function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const host = req.get('host');
  const origin = req.get('origin');
  if (origin && origin !== 'null' && hostOf(origin) !== host) return false;
  const referer = req.get('referer');
  return !referer || hostOf(referer) === host;
}
