import express, { type ErrorRequestHandler, type Router } from 'express';
import { z } from 'zod';
import { clientErrorCode, clientErrorStatus } from '../http/error-status.js';
import { failureOf, routeOf } from '../http/failure-log.js';
import { HttpError } from '../http/http-error.js';
import type { Logger } from '../logger.js';
import type { AuditLog } from './audit-log.js';
import { bearerAuth } from './staff-auth.js';
import type { SharedLimits } from '../http/shared-limits.js';

export interface StaffApiDeps {
  staffTokens: Map<string, string>;
  logger: Logger;
  /** Wrong tokens are written to the audit trail, at this clock's time. */
  audit: Pick<AuditLog, 'append'>;
  clock: () => Date;
  /** Feature routers, each mounted under /staff/api (e.g. "/tips", "/publications"). */
  routes: Array<{ path: string; router: Router }>;
  /** Where wrong tokens are counted (a tenant's rows, shared by its processes); absent: this process's memory. */
  limits?: SharedLimits;
}

/**
 * /staff/api: JSON in and out, a bearer token on every request, and one error funnel that
 * turns every failure into `{"error":{"code","message","details?"}}` with the right status.
 */
export function createStaffApiRouter(deps: StaffApiDeps): Router {
  const router = express.Router();
  const { staffTokens: tokens, clock, logger, audit } = deps;
  router.use(bearerAuth({ tokens, clock, logger, audit, ...(deps.limits ? { limits: deps.limits } : {}) }));
  router.use(express.json({ limit: '1mb' }));
  for (const { path, router: feature } of deps.routes) router.use(path, feature);
  router.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'no such staff API route')));
  router.use(staffErrorFunnel(deps.logger));
  return router;
}

export function staffErrorFunnel(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({
        error: {
          code: err.code,
          message: err.message,
          ...(err.details !== undefined ? { details: err.details } : {}),
        },
      });
    } else if (err instanceof z.ZodError) {
      const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      res.status(400).json({ error: { code: 'invalid', message: 'the request is not valid', details } });
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'too_large', message: 'the request body is too large' } });
    } else if ((err as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'bad_json', message: 'the request body is not valid JSON' } });
    } else if (clientErrorStatus(err) !== null) {
      // A path express cannot decode (`/tips/%E0%A4%A`) and the like: the client's mistake, not ours
      const status = clientErrorStatus(err)!;
      res
        .status(status)
        .json({ error: { code: clientErrorCode(status), message: 'the request could not be understood' } });
    } else {
      logger.error('staff API failed', { route: routeOf(req), ...failureOf(err) });
      res.status(500).json({ error: { code: 'internal', message: 'something went wrong; it has been logged' } });
    }
  };
}
