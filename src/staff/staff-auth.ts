import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { clientKey } from '../http/client-key.js';
import type { Logger } from '../logger.js';
import { memoryLimits, type SharedLimits } from '../http/shared-limits.js';
import { HttpError } from '../http/http-error.js';
import type { AuditLog } from './audit-log.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The authenticated staff member's name (recorded in the audit trail). */
    staff?: { name: string; via: 'token' | 'session'; role?: string };
  }
}

/** Wrong bearer tokens one client may send: 5 in 15 minutes, then 429 until the oldest falls out of the window. */
export const TOKEN_BRAKE = { failures: 5, windowMs: 15 * 60_000 } as const;

export interface BearerAuthDeps {
  /** token → staff name (STAFF_TOKENS). */
  tokens: Map<string, string>;
  clock: () => Date;
  logger: Logger;
  audit: Pick<AuditLog, 'append'>;
  /** Where wrong tokens are counted (a tenant's rows, shared by its processes); absent: this process's memory. */
  limits?: SharedLimits;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * `Authorization: Bearer <token>` against STAFF_TOKENS. Tokens are compared as SHA-256
 * digests in constant time, so response times say nothing about how close a guess was.
 * Wrong tokens are braked per client (TOKEN_BRAKE), logged and written to the audit trail,
 * never the token itself; a braked client is refused before any token is compared.
 */
export function bearerAuth(deps: BearerAuthDeps): RequestHandler {
  const known = [...deps.tokens].map(([token, name]) => ({ hash: digest(token), name }));
  const failures = (deps.limits ?? memoryLimits(deps.clock)).limiter(
    'staff-api-token',
    TOKEN_BRAKE.failures,
    TOKEN_BRAKE.windowMs,
  );
  const tagOf = clientTagger();
  return async (req, res, next) => {
    if (req.staff) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!match) return next(new HttpError(401, 'unauthorized', 'a staff bearer token is required'));
    const client = clientKey(req);
    if (await failures.blocked(client)) return next(braked(res, await failures.retryAfterSeconds(client)));
    const given = digest(match[1]!);
    const found = known.find((k) => timingSafeEqual(k.hash, given));
    if (found) {
      req.staff = { name: found.name, via: 'token' };
      return next();
    }
    await failures.count(client);
    await recordFailure(deps, req, tagOf(client), await failures.blocked(client));
    next(new HttpError(401, 'unauthorized', 'the staff token is not valid'));
  };
}

function braked(res: Response, retryAfter: number): HttpError {
  res.set('Retry-After', String(retryAfter));
  return new HttpError(
    429,
    'too_many_attempts',
    `too many wrong staff tokens from this client; try again in ${retryAfter} seconds`,
  );
}

/**
 * One log line and one audit entry per wrong token: the route, a short tag standing for the
 * client (the same client gets the same tag until a restart; the address itself is never
 * written), and whether the client is now braked. A failed audit write is logged, not fatal.
 */
async function recordFailure(deps: BearerAuthDeps, req: Request, client: string, nowBraked: boolean): Promise<void> {
  const route = `${req.method} ${req.baseUrl}${req.path}`.slice(0, 200);
  deps.logger.warn('staff API token refused', {
    route: route.replace(/[0-9a-f-]{8,}/gi, ':id'),
    client,
    braked: nowBraked,
  });
  await deps.audit
    .append(deps.clock(), '(unknown)', 'api.token.refused', route, { client, braked: nowBraked })
    .catch((err: Error) => {
      deps.logger.error('audit write failed', { action: 'api.token.refused', error: err.name });
    });
}

/** 8 hex digits per client, from a key that lives only in this process. */
function clientTagger(): (client: string) => string {
  const secret = randomBytes(32);
  return (client) => createHmac('sha256', secret).update(client).digest('hex').slice(0, 8);
}
