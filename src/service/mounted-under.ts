import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves a tenant's pages (its /tip form and staff console) under `/t/<tenant>`: the request
 * reaches the tenant's app with its path below the prefix and the prefix as express's
 * `baseUrl`, which the pages, their redirects and the session cookie's path start from (see
 * src/console/layout.ts siteOf, src/tips/web/tip-pages.ts). Cookies are the tenant's own: each
 * it sets is renamed `<name>.<tenant>` (a `__Host-` cookie must keep Path=/, so the name tells
 * tenants apart), and of the cookies a request carries it sees only its own, under their plain
 * names. So a browser logged in to two municipalities keeps two sessions, and a session cookie
 * of one is never shown to another.
 */
export function mountUnder(tenant: string, req: IncomingMessage, res: ServerResponse): void {
  // express's router starts every baseUrl below from this one
  Object.assign(req, { baseUrl: `/t/${tenant}` });
  const suffix = `.${tenant}`;
  req.headers.cookie = ownCookies(req.headers.cookie, suffix);
  if (!req.headers.cookie) delete req.headers.cookie;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) =>
    setHeader(name, name.toLowerCase() === 'set-cookie' ? cookiesOut(value, suffix) : value);
}

/** The request's cookies named `<name>.<tenant>`, as `<name>`; every other cookie is left out. */
function ownCookies(header: string | undefined, suffix: string): string {
  const own: string[] = [];
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at).trim();
    if (at > 0 && name.endsWith(suffix)) own.push(`${name.slice(0, -suffix.length)}=${part.slice(at + 1).trim()}`);
  }
  return own.join('; ');
}

function cookiesOut(value: number | string | readonly string[], suffix: string): string | string[] {
  // express's res.append sets the cookies already set again: each is renamed once
  const one = (cookie: string) =>
    cookie.replace(/^([^=;\s]+)=/, (_m, name: string) => `${name.endsWith(suffix) ? name : name + suffix}=`);
  return Array.isArray(value) ? value.map((c) => one(String(c))) : one(String(value));
}
