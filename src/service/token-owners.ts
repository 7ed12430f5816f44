import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Whose bearer token a request carries, as far as the shared service's front door needs to know. */
export interface TokenOwners {
  /** The tenant whose STAFF_TOKENS entry (tenant/name:token) the request's bearer token is, or null. */
  tenantOf(req: IncomingMessage): string | null;
  /** Whether the request's bearer token is SERVICE_ADMIN_TOKEN. */
  isAdmin(req: IncomingMessage): boolean;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

/** The bearer token of a request (`Authorization: Bearer <token>`), or null. */
export function bearerOf(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  return (header && /^Bearer\s+(\S+)$/i.exec(header)?.[1]) || null;
}

/**
 * Tokens are known only by their SHA-256 digests and compared as digests (in constant time
 * for the admin's), so neither the comparison's time nor a memory dump gives a token away.
 */
export function tokenOwners(byTenant: Map<string, Map<string, string>>, adminToken: string | null): TokenOwners {
  const tenants = new Map<string, string>();
  for (const [tenant, tokens] of byTenant)
    for (const token of tokens.keys()) tenants.set(digest(token).toString('hex'), tenant);
  const admin = adminToken ? digest(adminToken) : null;
  const given = (req: IncomingMessage) => {
    const token = bearerOf(req);
    return token === null ? null : digest(token);
  };
  return {
    tenantOf: (req) => {
      const hash = given(req);
      return hash ? (tenants.get(hash.toString('hex')) ?? null) : null;
    },
    isAdmin: (req) => {
      const hash = given(req);
      return admin !== null && hash !== null && timingSafeEqual(admin, hash);
    },
  };
}
