import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';

/**
 * The one definition of the security headers. Every answer carries BASE_HEADERS (set first
 * in app.ts, and on the webhook's answers): no sniffing, no referrer, no framing, nothing
 * cached (most answers are personal: tips, staff data, chat), and a CSP that lets a JSON or
 * error body run nothing. A page replaces only the CSP with its own (`pageHeaders`); a
 * public file may replace Cache-Control. HSTS is added when the request came over HTTPS.
 */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

/**
 * The tip form's pages: styles from /tip/tip.css, forms only to us; scripts only from this
 * origin (the receipt page's warning before it is left; the form itself needs none).
 */
export const TIP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The staff console: no inline script or style; scripts, styles and images from this origin
 * (plus https images a publication points at, for its preview).
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** A page whose only style is one inline <style> block: that block alone is allowed, by its hash. */
export function inlineStyleCsp(css: string): string {
  const hash = createHash('sha256').update(css).digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`;
}

const HSTS = 'max-age=31536000';

/** Express middleware: the base headers on everything below it. */
export function baseHeaders(): RequestHandler {
  return (req, res, next) => {
    setBaseHeaders(res, isSecure(req));
    next();
  };
}

/** The base headers on a plain Node response (the webhook is answered outside express). */
export function setBaseHeaders(res: ServerResponse, secure = false): void {
  for (const name in BASE_HEADERS) res.setHeader(name, BASE_HEADERS[name]!);
  if (secure) res.setHeader('strict-transport-security', HSTS);
}

/** A page's own CSP over the base headers (which must already be set, or are set here too). */
export function pageHeaders(csp: string): RequestHandler {
  return (req, res, next) => {
    if (!res.hasHeader('x-content-type-options')) setBaseHeaders(res, isSecure(req));
    res.setHeader('content-security-policy', csp);
    next();
  };
}

/**
 * The request reached us over HTTPS: directly, or through a TLS-terminating proxy that says so
 * in X-Forwarded-Proto. Trusting that header is safe here because it can only add HSTS and
 * the Secure flag to a cookie (a client that lies about https only loses its own cookie).
 */
export function isSecure(req: Request): boolean {
  const forwarded = req.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return req.secure || forwarded === 'https';
}
