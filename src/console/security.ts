import type { Request, RequestHandler, Response } from 'express';

/**
 * No inline script or style anywhere in the console: scripts, styles and images come from
 * this origin (plus https images a publication points at, for its preview); no framing, no
 * referrer, no sniffing, no caching of pages that may hold tip content.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): RequestHandler {
  return (req, res, next) => {
    res.set({
      'content-security-policy': CONSOLE_CSP,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    });
    if (isSecure(req)) res.set('strict-transport-security', 'max-age=31536000');
    next();
  };
}

/**
 * The request reached us over HTTPS: directly, or through a TLS-terminating proxy that says so
 * in X-Forwarded-Proto. Trusting that header is safe here because it can only add the Secure
 * flag to a cookie (a client that lies about https just loses its own cookie).
 */
export function isSecure(req: Request): boolean {
  const forwarded = req.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return req.secure || forwarded === 'https';
}

/** Cookie names: the __Host- prefix (Secure, Path=/, no Domain) whenever the request is HTTPS. */
const COOKIE = { secure: '__Host-phonsai_staff', plain: 'phonsai_staff' } as const;

export function readSessionCookie(req: Request): string | undefined {
  const cookies = parseCookies(req.get('cookie') ?? '');
  return isSecure(req) ? cookies.get(COOKIE.secure) : cookies.get(COOKIE.plain);
}

/** HttpOnly, SameSite=Strict; Secure (and __Host-) over HTTPS; a session cookie (no Max-Age). */
export function setSessionCookie(req: Request, res: Response, id: string): void {
  const secure = isSecure(req);
  const attrs = secure ? `Path=/; Secure` : 'Path=/staff';
  res.append('set-cookie', `${secure ? COOKIE.secure : COOKIE.plain}=${id}; ${attrs}; HttpOnly; SameSite=Strict`);
}

export function clearSessionCookie(req: Request, res: Response): void {
  const secure = isSecure(req);
  const attrs = secure ? `Path=/; Secure` : 'Path=/staff';
  res.append('set-cookie', `${secure ? COOKIE.secure : COOKIE.plain}=; ${attrs}; HttpOnly; SameSite=Strict; Max-Age=0`);
}

export function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

/**
 * A form post from another site is refused before the CSRF check. Browsers say where a
 * request comes from in Sec-Fetch-Site; with our no-referrer policy the Origin header is
 * "null" for our own forms, so Origin counts only when it names a real origin.
 */
export function sameOrigin(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.get('origin');
  if (!origin || origin === 'null') return true;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}
