import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createSharedService, type SharedService } from '../../src/service/shared-service.js';
import { SECRET, TOKEN, sign, webhookBody } from '../helpers/events.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { LINE_BASE, mockLine } from '../helpers/line-nock.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { migratedDatabase, type TestDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The service key migratedDatabase() seals tenants under (test/helpers/postgres-tenant.ts). */
const SERVICE_KEY = Buffer.alloc(32, 9).toString('base64');

/** Two municipalities with channels and names of their own, and one suspended. */
export const TOWNS = {
  a: {
    id: 'a-town',
    name: 'เทศบาลตำบลบ้านใหม่',
    secret: 'a-town-channel-secret-0123456789',
    token: 'a-town-access-token',
  },
  b: {
    id: 'b-town',
    name: 'เทศบาลตำบลหนองบัว',
    secret: 'b-town-channel-secret-abcdefghij',
    token: 'b-town-access-token',
  },
  closed: {
    id: 'closed-town',
    name: 'เทศบาลตำบลปิดชั่วคราว',
    secret: 'closed-town-channel-secret-0000',
    token: 'closed-town-token',
  },
} as const;

/** A tenant a test adds itself (as `npm run tenant -- add` or the admin API would). */
export const newTown = (id: string) => ({
  id,
  name: `เทศบาลตำบล ${id}`,
  channelSecret: `${id}-channel-secret-0123456789`,
  accessToken: `${id}-access-token`,
});

export const TOKENS = {
  town: 'town-staff-token-0123456789abcdefghij',
  a: 'a-town-staff-token-0123456789abcdefgh',
  b: 'b-town-staff-token-0123456789abcdefgh',
  admin: 'service-admin-token-0123456789abcdefgh',
};

export interface TestService {
  url: string;
  db: TestDatabase;
  service: SharedService;
  town: Runtime;
  line: ReturnType<typeof mockLine>;
  logs: ReturnType<typeof createMemoryLogger>['lines'];
  dataDir: string;
  /** Posts events signed with `secret` to `path` and waits until the bot serving `tenant` has handled them. */
  webhook(path: string, secret: string, ...events: unknown[]): Promise<Response>;
  /** A request with a bearer token. */
  call(method: string, path: string, token: string, body?: unknown): Promise<Response>;
}

/**
 * The shared service on a loopback port: a migrated throwaway database holding the tenants
 * above, the single town of the environment beside them, LINE mocked by nock (every call
 * checked against the LINE contract after each test).
 */
export function useService(use: (s: TestService) => void): void {
  let server: Server | undefined;
  let s: TestService | undefined;
  beforeAll(async () => {
    const db = await migratedDatabase();
    for (const t of Object.values(TOWNS))
      await db.tenants.add({ id: t.id, name: t.name, channelSecret: t.secret, accessToken: t.token });
    await db.tenants.setStatus(TOWNS.closed.id, 'suspended');
    const dataDir = await tempDir();
    const logger = createMemoryLogger();
    const config = loadConfig({
      DATA_DIR: dataDir,
      TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      STAFF_TOKENS: `tester:${TOKENS.town},a-town/somchai:${TOKENS.a},b-town/malee:${TOKENS.b}`,
      DATABASE_URL: db.url,
      SERVICE_KEY,
      SERVICE_ADMIN_TOKEN: TOKENS.admin,
      LINE_API_BASE_URL: LINE_BASE,
      LINE_DATA_API_BASE_URL: LINE_BASE,
    });
    const line = mockLine();
    const channel = {
      channelSecret: SECRET,
      channelAccessToken: TOKEN,
      apiBaseUrl: LINE_BASE,
      dataApiBaseUrl: LINE_BASE,
    };
    const town = await createRuntime({ config, channel, logger });
    // statusTtlMs 0: a suspension is seen by the next request
    const service = createSharedService({ config, database: db, town: town.app, logger, statusTtlMs: 0 });
    server = await new Promise<Server>((resolve) => {
      const started = service.app.listen(0, '127.0.0.1', () => resolve(started));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    s = {
      url,
      db,
      service,
      town,
      line,
      logs: logger.lines,
      dataDir,
      async webhook(path, secret, ...events) {
        const body = webhookBody(...events);
        const headers = { 'content-type': 'application/json', 'x-line-signature': sign(body, secret) };
        const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
        await settle(service, town);
        return res;
      },
      call: (method, path, token, body) =>
        fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        }),
    };
    use(s);
  }, 60_000);
  beforeEach(() => {
    if (s) s.line.calls.length = 0;
  });
  afterEach(() => {
    for (const call of s?.line.calls ?? []) expectLineValid(call.path, call.body, call.headers);
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await s?.service.close();
    await s?.town.close();
    s?.line.done();
    await s?.db.close();
  });
}

/** Waits for every running bot (the town's and each tenant's) to finish what it was given. */
async function settle(service: SharedService, town: Runtime): Promise<void> {
  // Handling starts on the turn after the 200 (after the inbox's commit for a tenant)
  await new Promise((r) => setTimeout(r, 20));
  const tenants = await Promise.all(service.tenants.runningIds().map((id) => service.tenants.lookup(id)));
  const runtimes = [town, ...tenants.flatMap((t) => (t.kind === 'active' ? [t.runtime] : []))];
  await Promise.all(runtimes.map((r) => r.dispatcher.idle()));
}
