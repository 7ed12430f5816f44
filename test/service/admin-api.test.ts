import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminApi } from '../../src/service/admin-api.js';
import { tokenOwners } from '../../src/service/token-owners.js';
import { TOKEN_BRAKE } from '../../src/staff/staff-auth.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

const ADMIN = 'service-admin-token-for-the-brake-test-01';
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** The admin API alone on loopback, over an empty tenants table. */
async function adminApi() {
  const logger = createMemoryLogger();
  const listener = createAdminApi({
    tenants: {
      list: () => Promise.resolve([]),
      add: () => Promise.reject(new Error('unused')),
      setStatus: () => Promise.reject(new Error('unused')),
    },
    owners: tokenOwners(new Map(), ADMIN),
    changed: () => undefined,
    logger,
  });
  const server = http.createServer(listener);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/service/api/tenants`;
  return { logs: logger.lines, get: (token: string) => fetch(url, { headers: { authorization: `Bearer ${token}` } }) };
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
