import type { BotApp } from '../app.js';
import type { Config } from '../config.js';
import type { Database } from '../db/open-database.js';
import { ServiceRateLimiter } from '../db/service-limits-postgres.js';
import { TOKEN_BRAKE } from '../staff/staff-auth.js';
import type { Logger } from '../logger.js';
import { createAdminApi } from './admin-api.js';
import { createServiceApp } from './service-app.js';
import { TenantRuntimes, type TenantRuntimesDeps } from './tenant-runtimes.js';
import { tokenOwners } from './token-owners.js';

export interface SharedService {
  /** The HTTP listener: the tenants' routes and the admin API in front of the single town's app. */
  app: BotApp;
  tenants: TenantRuntimes;
  /** Closes every tenant's bot; the single town's runtime and the database are the caller's. */
  close(): Promise<void>;
}

/**
 * The shared service (DATABASE_URL set): many municipalities from one process, each served
 * by its own bot made on first use, beside the single town the environment configures.
 */
export function createSharedService(deps: {
  config: Config;
  database: Pick<Database, 'pool' | 'tenants'>;
  town: BotApp;
  logger: Logger;
  runtime?: TenantRuntimesDeps['runtime'];
  statusTtlMs?: number;
}): SharedService {
  const { config, database, logger } = deps;
  const tenants = new TenantRuntimes({
    config,
    database,
    logger,
    ...(deps.runtime ? { runtime: deps.runtime } : {}),
    ...(deps.statusTtlMs !== undefined ? { statusTtlMs: deps.statusTtlMs } : {}),
  });
  const owners = tokenOwners(config.tenantStaffTokens, config.serviceAdminToken);
  const admin = createAdminApi({
    tenants: database.tenants,
    owners,
    changed: () => tenants.refresh(),
    logger,
    trustProxy: config.trustProxy,
    ...(config.database ? { failures: adminBrake(database.pool, config.database.serviceKey) } : {}),
  });
  const app = createServiceApp({
    town: deps.town,
    tenants,
    owners,
    admin,
    logger,
  });
  return { app, tenants, close: () => tenants.close() };
}

/** The administrator's wrong tokens, counted in the database: a client braked by one process is braked by all. */
const adminBrake = (pool: Database['pool'], serviceKey: Buffer) =>
  new ServiceRateLimiter(pool, serviceKey, {
    name: 'service-admin-tokens',
    limit: TOKEN_BRAKE.failures,
    window: TOKEN_BRAKE.windowMs,
    clock: () => new Date(),
  });
