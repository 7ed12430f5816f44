import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { clientKey } from '../http/client-key.js';
import { baseHeaders } from '../http/headers.js';
import { RateLimiter } from '../http/rate-limiter.js';
import { HttpError } from '../http/http-error.js';
import { TenantError, TenantName, type Tenant, type TenantRepository, type TenantStatus } from '../db/tenants.js';
import type { FailureBrake } from '../db/service-limits-postgres.js';
import type { Logger } from '../logger.js';
import { staffErrorFunnel } from '../staff/staff-api.js';
import { TOKEN_BRAKE } from '../staff/staff-auth.js';
import type { TokenOwners } from './token-owners.js';

export interface AdminApiDeps {
  tenants: Pick<TenantRepository, 'add' | 'list' | 'setStatus' | 'rename'>;
  owners: Pick<TokenOwners, 'isAdmin'>;
  /** Called after a change, so this process sees it at once (others within their cache time). */
  changed: () => void;
  logger: Logger;
  /** Express "trust proxy" (TRUST_PROXY): wrong tokens are braked per client address. */
  trustProxy?: boolean | number | string;
  /**
   * Wrong admin tokens per client (TOKEN_BRAKE), shared by every process of the service
   * (ServiceRateLimiter, in the database); absent: this process's memory.
   */
  failures?: FailureBrake;
}

const NewTenant = z.strictObject({
  id: z.string(),
  name: TenantName,
  channelSecret: z.string(),
  accessToken: z.string(),
});
/** What may be changed of a tenant besides its status: its name, as its pages and chat show it. */
const TenantChange = z.strictObject({ name: TenantName });

/** What the API shows of a tenant: never its secrets; its webhook path for LINE's console. */
const view = (t: Tenant) => ({ ...t, webhookPath: `/webhook/${t.id}` });

/**
 * /service/api: the service administrator's JSON API (Authorization: Bearer
 * SERVICE_ADMIN_TOKEN). It lists, adds, renames, suspends and resumes tenants, like `npm run tenant`,
 * and offers nothing of a tenant's data: the administrator manages municipalities, not
 * their tips, sessions or residents.
 */
export function createAdminApi(deps: AdminApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(baseHeaders());
  const api = express.Router();
  api.use(adminAuth(deps));
  api.use(express.json({ limit: '16kb' }));
  api.get('/tenants', async (_req, res) => {
    res.json({ tenants: (await deps.tenants.list()).map(view) });
  });
  api.post('/tenants', async (req, res) => {
    const tenant = await deps.tenants.add(NewTenant.parse(req.body));
    after(deps, 'tenant added', tenant.id);
    res.status(201).json(view(tenant));
  });
  api.patch('/tenants/:id', async (req: Request<{ id: string }>, res) => {
    const tenant = await deps.tenants.rename(req.params.id, TenantChange.parse(req.body).name);
    after(deps, 'tenant renamed', tenant.id);
    res.json(view(tenant));
  });
  for (const [action, status] of [
    ['suspend', 'suspended'],
    ['resume', 'active'],
  ] as Array<[string, TenantStatus]>) {
    api.post(`/tenants/:id/${action}`, async (req: Request<{ id: string }>, res) => {
      const tenant = await deps.tenants.setStatus(req.params.id, status);
      after(deps, `tenant ${action}d`, tenant.id);
      res.json(view(tenant));
    });
  }
  api.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'no such service API route')));
  api.use(tenantErrors);
  api.use(staffErrorFunnel(deps.logger));
  app.use('/service/api', api);
  return app;
}

/**
 * The admin's bearer token, compared as a digest (token-owners.ts); wrong tokens are braked
 * per client like the staff API's (TOKEN_BRAKE: 429 with Retry-After), across processes when
 * `failures` is the database's, and logged, never shown.
 */
function adminAuth(deps: AdminApiDeps): RequestHandler {
  const failures = deps.failures ?? new RateLimiter(() => new Date(), TOKEN_BRAKE.failures, TOKEN_BRAKE.windowMs);
  return async (req, res, next) => {
    try {
      const client = clientKey(req);
      if (await failures.blocked(client)) {
        const wait = await failures.retryAfterSeconds(client);
        res.set('Retry-After', String(wait));
        return next(new HttpError(429, 'too_many_attempts', `too many wrong tokens; try again in ${wait} seconds`));
      }
      if (deps.owners.isAdmin(req)) return next();
      await failures.count(client);
      deps.logger.warn('service admin token refused', { braked: await failures.blocked(client) });
      next(new HttpError(401, 'unauthorized', 'the service admin token is required'));
    } catch (err) {
      // The database is away: refused, never let through
      next(err);
    }
  };
}

function after(deps: AdminApiDeps, what: string, tenant: string): void {
  deps.changed();
  deps.logger.info(what, { tenant, by: 'service-admin' });
}

/** The tenants table's refusals as the API's: bad input 400, a taken id 409, no such tenant 404. */
function tenantErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  if (!(err instanceof TenantError)) return next(err);
  const status = err.code === 'exists' ? 409 : err.code === 'unknown' ? 404 : 400;
  next(new HttpError(status, err.code, err.message));
}
