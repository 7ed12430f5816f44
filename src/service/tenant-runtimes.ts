import path from 'node:path';
import type { Config } from '../config.js';
import type { Database } from '../db/open-database.js';
import { PostgresLineLimits } from '../db/line-limits-postgres.js';
import { tenantScope } from '../db/postgres-stores.js';
import type { Tenant } from '../db/tenants.js';
import type { Logger } from '../logger.js';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime.js';

/** What a request for one tenant finds: its running bot, or why there is none. */
export type TenantLookup = { kind: 'active'; runtime: Runtime } | { kind: 'unknown' } | { kind: 'suspended' };

export interface TenantRuntimesDeps {
  config: Config;
  database: Pick<Database, 'pool' | 'tenants'>;
  logger: Logger;
  /** How long the tenants table is trusted before it is read again (`npm run tenant` in another process). */
  statusTtlMs?: number;
  /** Clock, timers, reply and delivery tuning handed to every tenant's runtime (tests shorten them). */
  runtime?: Pick<RuntimeOptions, 'clock' | 'timers' | 'publishing' | 'replies'>;
}

/** Where a tenant's stores that are not yet in PostgreSQL live. */
export const tenantDataDir = (dataDir: string, tenantId: string): string => path.join(dataDir, 'tenants', tenantId);

/**
 * The running bots of the shared service's tenants, one per tenant, made on the first request
 * that needs it and closed on shutdown (or when the tenant is found suspended). The tenants
 * table is read again after `statusTtlMs`, so a suspension made by another process or by the
 * `tenant` command takes effect within that time.
 */
export class TenantRuntimes {
  private readonly running = new Map<string, Promise<Runtime>>();
  private table: { at: number; tenants: Map<string, Tenant> } | null = null;
  /** Each tenant's name as the table said when last read (kept across refresh()), for its pages and chat. */
  private readonly names = new Map<string, string>();
  private closing = false;
  private watching: NodeJS.Timeout | undefined;

  constructor(private readonly deps: TenantRuntimesDeps) {}

  /** The tenant's bot, made now if it is active and not running yet. */
  async lookup(tenantId: string): Promise<TenantLookup> {
    const tenant = (await this.tenants()).get(tenantId);
    if (!tenant) return { kind: 'unknown' };
    if (tenant.status !== 'active') {
      await this.stop(tenantId);
      return { kind: 'suspended' };
    }
    if (this.closing) throw new Error('the service is stopping');
    let made = this.running.get(tenantId);
    if (!made) {
      made = this.make(tenantId);
      this.running.set(tenantId, made);
      // A failed start is not remembered: the next request tries again
      made.catch(() => this.running.delete(tenantId));
    }
    return { kind: 'active', runtime: await made };
  }

  /**
   * Starts every active tenant's bot, one after another: at start, so each replays the events
   * its inbox kept from before a stop, and no tenant's first webhook waits for its bot to be
   * built (the search index takes a second or two). A tenant that fails is logged and tried
   * again on its next request.
   */
  async warm(): Promise<number> {
    let started = 0;
    for (const tenant of (await this.tenants()).values()) {
      if (tenant.status !== 'active' || this.closing) continue;
      const found = await this.lookup(tenant.id).catch((err: Error) => {
        this.deps.logger.error('tenant bot failed to start', { tenant: tenant.id, error: err.name });
        return null;
      });
      if (found?.kind === 'active') started += 1;
    }
    return started;
  }

  /**
   * Stops the bots of tenants suspended (or removed) since they started, so a suspension made
   * elsewhere also stops their timers (scheduled publications, deliveries), not only their
   * webhook. Returns the ids stopped.
   */
  async stopSuspended(): Promise<string[]> {
    this.refresh();
    const tenants = await this.tenants();
    const gone = this.runningIds().filter((id) => tenants.get(id)?.status !== 'active');
    await Promise.all(gone.map((id) => this.stop(id)));
    return gone;
  }

  /** Runs stopSuspended every `everyMs` until close (a failed look is logged and tried again). */
  watch(everyMs = 60_000): void {
    clearInterval(this.watching);
    this.watching = setInterval(() => {
      this.stopSuspended().catch((err: Error) => {
        this.deps.logger.error('tenant status check failed', { error: err.name });
      });
    }, everyMs);
    this.watching.unref();
  }

  /** Forgets the cached tenants table (after the admin API changed it). */
  refresh(): void {
    this.table = null;
  }

  /** Ids of the tenants whose bot is running in this process. */
  runningIds(): string[] {
    return [...this.running.keys()];
  }

  /** Closes every tenant's bot (their queued events handled first, as a single town's are). */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.watching);
    await Promise.all(this.runningIds().map((id) => this.stop(id)));
  }

  private async tenants(): Promise<Map<string, Tenant>> {
    const ttl = this.deps.statusTtlMs ?? 5_000;
    if (!this.table || Date.now() - this.table.at >= ttl) {
      const list = await this.deps.database.tenants.list();
      this.table = { at: Date.now(), tenants: new Map(list.map((t) => [t.id, t])) };
      for (const t of list) this.names.set(t.id, t.name);
    }
    return this.table.tenants;
  }

  private async stop(tenantId: string): Promise<void> {
    const made = this.running.get(tenantId);
    if (!made) return;
    this.running.delete(tenantId);
    const runtime = await made.catch(() => null);
    await runtime?.close();
    if (runtime) this.deps.logger.info('tenant bot stopped', { tenant: tenantId });
  }

  /**
   * One tenant's bot: its channel and data key opened from the tenants table under
   * SERVICE_KEY, its staff tokens, its inbox, tips, audit trail, console accounts and sessions
   * in PostgreSQL (src/stores/open-stores.ts) and its other stores under DATA_DIR/tenants/<id>.
   * Events its inbox holds from a process that stopped are replayed.
   */
  private async make(tenantId: string): Promise<Runtime> {
    const { config, database, logger } = this.deps;
    const scope = await tenantScope(database.pool, database.tenants, tenantId);
    const secrets = (await database.tenants.secrets(tenantId))!;
    const runtime = await createRuntime({
      ...this.deps.runtime,
      config: {
        ...config,
        mode: 'live',
        dataDir: tenantDataDir(config.dataDir, tenantId),
        staffTokens: new Map(config.tenantStaffTokens.get(tenantId)),
        tipEncryptionKey: null,
        // Its /tip form and console are under /t/<id> (service-app.ts): chat links there
        publicBaseUrl: config.publicBaseUrl ? `${config.publicBaseUrl}/t/${tenantId}` : null,
      },
      channel: { channelSecret: secrets.channelSecret, channelAccessToken: secrets.accessToken, ...config.lineApi },
      logger: tagged(logger, tenantId),
      tenant: scope,
      // One channel's limits, shared by every process sending for it
      lineLimits: new PostgresLineLimits(scope, { logger: tagged(logger, tenantId) }),
      // Its pages and chat name it as the tenants table does now (a rename is seen with the next read)
      townName: () => this.names.get(tenantId) ?? tenantId,
    });
    const replayed = await runtime.replayPending();
    logger.info('tenant bot started', { tenant: tenantId, replayed });
    return runtime;
  }
}

/** The service's logger with the tenant's id on every line of that tenant's bot. */
function tagged(logger: Logger, tenant: string): Logger {
  const at =
    (level: keyof Logger): Logger[keyof Logger] =>
    (msg, fields) =>
      logger[level](msg, { tenant, ...fields });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
