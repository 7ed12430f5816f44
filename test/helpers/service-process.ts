import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../src/config.js';
import type { Pool } from '../../src/db/pool.js';
import { TenantRepository } from '../../src/db/tenants.js';
import type { Runtime } from '../../src/runtime.js';
import { createSharedService, type SharedService } from '../../src/service/shared-service.js';
import type { TenantRuntimesDeps } from '../../src/service/tenant-runtimes.js';
import { sign, webhookBody } from './events.js';
import { LINE_BASE } from './line-nock.js';
import { createMemoryLogger } from './memory-logger.js';
import type { TestDatabase } from './postgres-tenant.js';
import { tempDir } from './temp-dir.js';

/** The service key migratedDatabase() seals tenants under (test/helpers/postgres-tenant.ts). */
const SERVICE_KEY = Buffer.alloc(32, 9);

/** One process of the shared service for one tenant: its own pool, DATA_DIR, tenant bot and listener. */
export interface ServiceProcess {
  url: string;
  service: SharedService;
  server: Server;
  tenant: { id: string; channelSecret: string };
  /** The tenant's bot in this process (started on first use). */
  runtime(): Promise<Runtime>;
  /** Posts signed events to this process's tenant webhook and waits until its bot has handled them. */
  webhook(...events: unknown[]): Promise<number>;
  stop(): Promise<void>;
}

/** Starts a process of the shared service on a loopback port, on `pool` (a second pool: a second process). */
export async function startServiceProcess(
  db: TestDatabase,
  pool: Pool,
  tenant: { id: string; channelSecret: string },
  env: Record<string, string> = {},
  /** The tenant bots' options (publishing: pollMs ...). */
  options?: TenantRuntimesDeps['runtime'],
): Promise<ServiceProcess> {
  const config = loadConfig({
    DATA_DIR: await tempDir(),
    TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    DATABASE_URL: db.url,
    SERVICE_KEY: SERVICE_KEY.toString('base64'),
    LINE_API_BASE_URL: LINE_BASE,
    LINE_DATA_API_BASE_URL: LINE_BASE,
    ...env,
  });
  const service = createSharedService({
    config,
    database: { pool, tenants: new TenantRepository(pool, SERVICE_KEY) },
    town: express(), // no single town in these processes: only the tenant is asked for
    logger: createMemoryLogger(),
    ...(options ? { runtime: options } : {}),
  });
  await service.tenants.warm();
  const server = await new Promise<Server>((resolve) => {
    const s = service.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const runtime = async () => {
    const found = await service.tenants.lookup(tenant.id);
    if (found.kind !== 'active') throw new Error(`tenant is ${found.kind}`);
    return found.runtime;
  };
  return {
    url,
    service,
    server,
    tenant,
    runtime,
    async webhook(...events) {
      const body = webhookBody(...events);
      const res = await fetch(`${url}/webhook/${tenant.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, tenant.channelSecret) },
        body,
      });
      await new Promise((r) => setTimeout(r, 20));
      await (await runtime()).dispatcher.idle();
      return res.status;
    },
    async stop() {
      await new Promise((r) => server.close(r));
      await service.close();
    },
  };
}
