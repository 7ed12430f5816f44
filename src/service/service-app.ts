import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { BotApp } from '../app.js';
import { TENANT_ID } from '../config.js';
import { setBaseHeaders } from '../http/headers.js';
import { answerUnparsable } from '../http/unparsable-request.js';
import { sendJson } from '../line/webhook-route.js';
import type { Logger } from '../logger.js';
import { mountUnder } from './mounted-under.js';
import type { TokenOwners } from './token-owners.js';
import type { TenantRuntimes } from './tenant-runtimes.js';

export interface ServiceAppDeps {
  /** The single town configured by the environment: /webhook, /staff, /tip ... as without a database. */
  town: BotApp;
  tenants: Pick<TenantRuntimes, 'lookup'>;
  /** Whose token a request carries: a tenant's (STAFF_TOKENS tenant/name:token) or the service admin's. */
  owners: TokenOwners;
  /** The service administrator's JSON API, mounted at /service/api. */
  admin: (req: IncomingMessage, res: ServerResponse) => void;
  logger: Logger;
}

const TENANT_WEBHOOK = /^\/webhook\/([^/]+)\/?$/;
const TENANT_STAFF_API = /^\/t\/([^/]+)(\/staff\/api(?:\/.*)?)$/;
/** A tenant's pages: its /tip form and its staff console (the API above is matched first). */
const TENANT_PAGES = /^\/t\/([^/]+)(\/(?:tip|staff)(?:\/.*)?)$/;

/**
 * The shared service's front door, before the single town's app:
 * - `POST /webhook/<tenant>`: that tenant's LINE webhook (its own channel secret and token);
 * - `/t/<tenant>/staff/api/*`: that tenant's staff API, with one of its own tokens;
 * - `/staff/api/*` with a tenant's token: the same API inside that tenant (CONTRACT.md);
 * - `/t/<tenant>/tip...` and `/t/<tenant>/staff/...`: that tenant's tip form and staff console,
 *   with its stores, keys and staff accounts; they are given the prefix as their base address
 *   (their links and redirects start from it) and cookies of the tenant's own (mounted-under.ts);
 * - `/service/api/*`: the service administrator's API, who is refused every staff API;
 * - everything else: the single town, unchanged.
 */
export function createServiceApp(deps: ServiceAppDeps): BotApp {
  const { owners } = deps;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const [path = '/', query] = splitUrl(req.url ?? '/');
    const webhook = req.method === 'POST' ? TENANT_WEBHOOK.exec(path) : null;
    if (webhook) return void toTenant(deps, webhook[1]!, join('/webhook', query), req, res);
    if (path === '/service/api' || path.startsWith('/service/api/')) return deps.admin(req, res);
    const scoped = TENANT_STAFF_API.exec(path);
    if (scoped || path === '/staff/api' || path.startsWith('/staff/api/')) {
      const refusal = staffRefusal(owners, req, scoped?.[1]);
      if (refusal) return refuse(res, ...refusal);
      const tenant = scoped?.[1] ?? owners.tenantOf(req);
      if (tenant) return void toTenant(deps, tenant, join(scoped?.[2] ?? path, query), req, res);
    }
    const pages = TENANT_PAGES.exec(path);
    if (pages) return void toTenant(deps, pages[1]!, join(pages[2]!, query), req, res, 'mounted');
    deps.town(req, res);
  };
  return Object.assign(listener, {
    listen: (port: number, host: string | undefined, onListening: () => void) =>
      http.createServer(listener).on('clientError', answerUnparsable).listen(port, host, onListening),
  });
}

/**
 * Who may not use a staff API at all: the service administrator (it never reads a tenant's
 * tips or personal data), and a tenant's token under another tenant's address.
 */
function staffRefusal(owners: TokenOwners, req: IncomingMessage, tenant?: string): [number, string, string] | null {
  if (owners.isAdmin(req))
    return [403, 'service_admin', "the service administrator cannot use a municipality's staff API"];
  const owner = owners.tenantOf(req);
  if (tenant && owner && owner !== tenant)
    return [403, 'wrong_tenant', 'this staff token belongs to another municipality'];
  return null;
}

/** Hands the request to the tenant's bot under `url`, or answers why it cannot. */
async function toTenant(
  deps: ServiceAppDeps,
  tenantId: string,
  url: string,
  req: IncomingMessage,
  res: ServerResponse,
  pages?: 'mounted',
): Promise<void> {
  if (!TENANT_ID.test(tenantId)) return refuse(res, 404, 'unknown_tenant', 'no such municipality');
  try {
    const found = await deps.tenants.lookup(tenantId);
    if (found.kind === 'unknown') return refuse(res, 404, 'unknown_tenant', 'no such municipality');
    // Suspension can be lifted (npm run tenant -- resume): refused, not gone (410)
    if (found.kind === 'suspended')
      return refuse(res, 403, 'tenant_suspended', 'this municipality is suspended on the service');
    req.url = url;
    if (pages) mountUnder(tenantId, req, res);
    found.runtime.app(req, res);
  } catch (err) {
    // Nothing stored: LINE redelivers, a staff client may retry
    deps.logger.error('tenant unavailable', { tenant: tenantId, error: (err as Error).name });
    refuse(res, 503, 'unavailable', 'the municipality cannot be served right now; try again');
  }
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  setBaseHeaders(res);
  sendJson(res, status, { error: { code, message } });
}

function splitUrl(url: string): [string, string | undefined] {
  const at = url.indexOf('?');
  return at < 0 ? [url, undefined] : [url.slice(0, at), url.slice(at + 1)];
}

const join = (path: string, query: string | undefined) => (query === undefined ? path : `${path}?${query}`);
