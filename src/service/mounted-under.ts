import type { IncomingMessage, ServerResponse } from 'node:http';

/** The root paths a tenant's pages link to, which the service serves under /t/<tenant>. */
const MOUNTED = '(?:staff|tip)(?=[/?#"]|$)';
/** A URL attribute of our own templates (values are escaped, so user text never forms one). */
const URL_ATTRIBUTE = new RegExp(`(\\s(?:href|src|action|formaction|data-[a-z-]+)=")/(${MOUNTED})`, 'g');
const ROOTED = new RegExp(`^/${MOUNTED}`);

/**
 * Serves a tenant's pages, written for the root (/tip, /staff/...), under `/t/<tenant>`, as a
 * reverse proxy does with nginx's proxy_redirect, proxy_cookie_path and sub_filter: the
 * redirects, cookie paths and the links, forms and assets of its HTML answers get the prefix.
 * Cookies are the tenant's own: each it sets is renamed `<name>.<tenant>` (a `__Host-` cookie
 * must keep Path=/, so the name tells tenants apart), and of the cookies a request carries it
 * sees only its own, under their plain names. So a browser logged in to two municipalities
 * keeps two sessions, and a session cookie of one is never shown to another.
 */
export function mountUnder(tenant: string, req: IncomingMessage, res: ServerResponse): void {
  const prefix = `/t/${tenant}`;
  const suffix = `.${tenant}`;
  req.headers.cookie = ownCookies(req.headers.cookie, suffix);
  if (!req.headers.cookie) delete req.headers.cookie;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name: string, value: number | string | readonly string[]) => {
    const lower = name.toLowerCase();
    if (lower === 'location' && typeof value === 'string') return setHeader(name, rooted(value, prefix));
    if (lower === 'set-cookie') return setHeader(name, cookiesOut(value, prefix, suffix));
    return setHeader(name, value);
  };
  // A HEAD answer has no body to rewrite
  if (req.method !== 'HEAD') rewriteHtml(res, (page) => page.replace(URL_ATTRIBUTE, `$1${prefix}/$2`));
}

const rooted = (url: string, prefix: string) => (ROOTED.test(url) ? prefix + url : url);

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

function cookiesOut(value: number | string | readonly string[], prefix: string, suffix: string): string | string[] {
  // express's res.append sets the cookies already set again: each is renamed once
  const one = (cookie: string) =>
    cookie
      .replace(/^([^=;\s]+)=/, (_m, name: string) => `${name.endsWith(suffix) ? name : name + suffix}=`)
      .replace(/;\s*Path=(\/[^;]*)/i, (_m, path: string) => `; Path=${rooted(path, prefix)}`);
  return Array.isArray(value) ? value.map((c) => one(String(c))) : one(String(value));
}

/**
 * Passes an HTML answer through `rewrite` before it leaves (every other answer untouched).
 * Pages are sent whole (express's send): the chunks are kept until the end, and the length
 * is set again. An answer whose head was already written goes out as it was.
 */
function rewriteHtml(res: ServerResponse, rewrite: (page: string) => string): void {
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const chunks: Buffer[] = [];
  const isHtml = () => !res.headersSent && /^text\/html/i.test(String(res.getHeader('content-type') ?? ''));
  const bytes = (chunk: unknown, encoding: unknown) =>
    Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!isHtml()) return write(chunk, ...rest);
    chunks.push(bytes(chunk, rest[0]));
    return true;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (!isHtml()) return end(...args);
    const done = args.find((a) => typeof a === 'function');
    const [chunk, encoding] = args.filter((a) => typeof a !== 'function');
    if (chunk !== undefined && chunk !== null) chunks.push(bytes(chunk, encoding));
    const page = Buffer.from(rewrite(Buffer.concat(chunks).toString('utf8')));
    if (res.getHeader('content-length') !== undefined) res.setHeader('content-length', page.length);
    return done ? end(page, done) : end(page);
  }) as ServerResponse['end'];
}
