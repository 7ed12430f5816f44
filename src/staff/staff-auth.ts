import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from './api-error.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The authenticated staff member's name (recorded in the audit trail). */
    staff?: { name: string; via: 'token' | 'session'; role?: string };
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * `Authorization: Bearer <token>` against STAFF_TOKENS. Tokens are compared as SHA-256
 * digests in constant time, so response times say nothing about how close a guess was.
 */
export function bearerAuth(tokens: Map<string, string>): RequestHandler {
  const known = [...tokens].map(([token, name]) => ({ hash: digest(token), name }));
  return (req, _res, next) => {
    if (req.staff) return next();
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return next(new ApiError(401, 'unauthorized', 'a staff bearer token is required'));
    const given = digest(match[1]!);
    const found = known.find((k) => timingSafeEqual(k.hash, given));
    if (!found) return next(new ApiError(401, 'unauthorized', 'the staff token is not valid'));
    req.staff = { name: found.name, via: 'token' };
    next();
  };
}
