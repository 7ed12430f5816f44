import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServiceRateLimiter } from '../../src/db/service-limits-postgres.js';
import { withTenant } from '../../src/db/with-tenant.js';
import type { Pool } from '../../src/db/pool.js';
import { createAdminApi, type AdminApiDeps } from '../../src/service/admin-api.js';
import { tokenOwners } from '../../src/service/token-owners.js';
import { TOKEN_BRAKE } from '../../src/staff/staff-auth.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { migratedDatabase, type TestDatabase } from '../helpers/postgres-tenant.js';

const ADMIN = 'service-admin-token-for-the-brake-test-01';
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** The admin API alone on loopback, over an empty tenants table (`more`: a shared brake, a trusted proxy). */
async function adminApi(more: Partial<AdminApiDeps> = {}) {
  const logger = createMemoryLogger();
  const listener = createAdminApi({
    tenants: {
      list: () => Promise.resolve([]),
      add: () => Promise.reject(new Error('unused')),
      setStatus: () => Promise.reject(new Error('unused')),
      rename: () => Promise.reject(new Error('unused')),
    },
    owners: tokenOwners(new Map(), ADMIN),
    changed: () => undefined,
    logger,
    ...more,
  });
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/service/api/tenants`;
  return {
    logs: logger.lines,
    /** GET /service/api/tenants with `token`; `client` is sent as X-Forwarded-For (for a trusted proxy). */
    get: (token: string, client?: string) =>
      fetch(url, { headers: { authorization: `Bearer ${token}`, ...(client ? { 'x-forwarded-for': client } : {}) } }),
  };
}

describe('the service admin API: wrong tokens', () => {
  it('when a client sends too many wrong tokens, then 429 with Retry-After, even for the right token, and no token is logged', async () => {
    const api = await adminApi();
    expect((await api.get(ADMIN)).status).toBe(200);
    for (let i = 0; i < TOKEN_BRAKE.failures; i++)
      expect((await api.get(`wrong-token-${i}-0123456789abcdef`)).status).toBe(401);
    const braked = await api.get(ADMIN);
    expect(braked.status).toBe(429);
    expect(Number(braked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await braked.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect(api.logs.filter((l) => l.msg === 'service admin token refused')).toHaveLength(TOKEN_BRAKE.failures);
    expect(JSON.stringify(api.logs)).not.toContain('wrong-token');
  });
});

const SERVICE_KEY = Buffer.alloc(32, 5);
const CLIENT = '203.0.113.7';
const OTHER = '198.51.100.23';

const brake = (pool: Pool) =>
  new ServiceRateLimiter(pool, SERVICE_KEY, {
    name: 'service-admin-tokens',
    limit: TOKEN_BRAKE.failures,
    window: TOKEN_BRAKE.windowMs,
    clock: () => new Date(),
  });

/** One process's admin API on its own pool, behind a proxy on loopback (the client is X-Forwarded-For). */
async function adminProcess(pool: Pool) {
  const api = await adminApi({ trustProxy: 'loopback', failures: brake(pool) });
  return (token: string, client = CLIENT) => api.get(token, client);
}

describe.skipIf(!hasPostgres)("the service administrator's wrong-token brake across processes", () => {
  let db!: TestDatabase;
  beforeAll(async () => {
    db = await migratedDatabase();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('when wrong tokens are spread over two processes, then both refuse the client (429, even the right token), and another client is served', async () => {
    const one = await adminProcess(db.pool);
    const two = await adminProcess(db.secondPool());
    expect((await one(ADMIN)).status).toBe(200);
    for (let i = 0; i < TOKEN_BRAKE.failures; i++) {
      const res = await (i % 2 === 0 ? one : two)(`wrong-token-${i}-0123456789abcdef`);
      expect(res.status).toBe(401);
    }
    for (const process of [one, two]) {
      const braked = await process(ADMIN);
      expect(braked.status).toBe(429);
      expect(Number(braked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await braked.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
      expect((await process(ADMIN, OTHER)).status).toBe(200);
    }
  });

  it("when the attempts are stored, then no address is in them, and the municipalities' role (bot_tenant) cannot read them", async () => {
    const dump = await db.dump(['service_limit_hits']);
    expect(dump.split('\n').length).toBeGreaterThanOrEqual(TOKEN_BRAKE.failures);
    expect(dump).not.toContain(CLIENT);
    const asTenant = withTenant(db.pool, 'any-town', (c) => c.query('SELECT * FROM service_limit_hits'));
    await expect(asTenant).rejects.toMatchObject({ code: '42501' });
  });

  it('when two processes count failures at once, then every one is counted and the client is braked on both', async () => {
    const limiters = [brake(db.pool), brake(db.secondPool())];
    await Promise.all(Array.from({ length: TOKEN_BRAKE.failures }, (_, i) => limiters[i % 2]!.count('racing-client')));
    for (const limiter of limiters) {
      expect(await limiter.blocked('racing-client')).toBe(true);
      expect(await limiter.retryAfterSeconds('racing-client')).toBeGreaterThan(0);
    }
    expect(await limiters[0]!.remaining('someone-else')).toBe(TOKEN_BRAKE.failures);
  });
});
