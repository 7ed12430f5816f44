import type { Request, RequestHandler, Response } from 'express';
import { CONSOLE_CSP, isSecure, pageHeaders } from '../http/headers.js';

/**
 * The console's headers: the shared set (src/http/headers.ts) with the console's CSP, on
 * every console answer: no inline script or style, no framing, no referrer, no sniffing, no
 * caching of pages that may hold tip content.
 */
export function securityHeaders(): RequestHandler {
  return pageHeaders(CONSOLE_CSP);
}

/** Cookie names: the __Host- prefix (Secure, Path=/, no Domain) whenever the request is HTTPS. */
const COOKIE = { secure: '__Host-phonsai_staff', plain: 'phonsai_staff' } as const;

export function readSessionCookie(req: Request): string | undefined {
  const cookies = parseCookies(req.get('cookie') ?? '');
  return isSecure(req) ? cookies.get(COOKIE.secure) : cookies.get(COOKIE.plain);
}

/**
 * HttpOnly, SameSite=Strict; Secure (and __Host-) over HTTPS; a session cookie (no Max-Age).
 * Over plain HTTP its path is the console's own (/staff, or /t/<id>/staff in the shared service).
 */
export function setSessionCookie(req: Request, res: Response, id: string): void {
  const secure = isSecure(req);
  const attrs = secure ? `Path=/; Secure` : `Path=${req.baseUrl}`;
  res.append('set-cookie', `${secure ? COOKIE.secure : COOKIE.plain}=${id}; ${attrs}; HttpOnly; SameSite=Strict`);
}

export function clearSessionCookie(req: Request, res: Response): void {
  const secure = isSecure(req);
  const attrs = secure ? `Path=/; Secure` : `Path=${req.baseUrl}`;
  res.append('set-cookie', `${secure ? COOKIE.secure : COOKIE.plain}=; ${attrs}; HttpOnly; SameSite=Strict; Max-Age=0`);
}

function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}
