import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { BotApp } from '../../src/app.js';
import type { Runtime } from '../../src/runtime.js';
import { createServiceApp } from '../../src/service/service-app.js';
import type { TenantLookup } from '../../src/service/tenant-runtimes.js';
import { tokenOwners } from '../../src/service/token-owners.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

const A_TOKEN = 'a-town-staff-token-0123456789abcdefgh';
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A listener that answers with who it is and the URL it was given. */
const echo = (name: string) =>
  ((req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ name, url: req.url }));
  }) as unknown as BotApp;

/** The front door alone, over stand-ins for the town and for tenant a-town's bot. */
async function front(lookup: (id: string) => Promise<TenantLookup>) {
  const logger = createMemoryLogger();
  const app = createServiceApp({
    town: echo('town'),
    tenants: { lookup },
    owners: tokenOwners(new Map([['a-town', new Map([[A_TOKEN, 'somchai']])]]), null),
    admin: echo('admin'),
    logger,
  });
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, token?: string) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(method === 'POST' ? { body: '{}' } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { call, logs: logger.lines };
}

const aTown = async (id: string): Promise<TenantLookup> =>
  id === 'a-town' ? { kind: 'active', runtime: { app: echo('a-town') } as Runtime } : { kind: 'unknown' };

describe('the shared service front door', () => {
  it('when a request is for a tenant, then its bot gets the path it would have as a single town, query kept', async () => {
    const { call } = await front(aTown);
    expect((await call('POST', '/webhook/a-town?x=1')).body).toEqual({ name: 'a-town', url: '/webhook?x=1' });
    expect((await call('GET', '/t/a-town/staff/api/tips?status=open', A_TOKEN)).body).toEqual({
      name: 'a-town',
      url: '/staff/api/tips?status=open',
    });
    expect((await call('GET', '/staff/api/stats', A_TOKEN)).body).toEqual({ name: 'a-town', url: '/staff/api/stats' });
    expect((await call('GET', '/t/a-town/tip?x=1')).body).toEqual({ name: 'a-town', url: '/tip?x=1' });
    expect((await call('GET', '/t/a-town/staff/login')).body).toEqual({ name: 'a-town', url: '/staff/login' });
  });

  it('when a request is not for a tenant, then the single town gets it unchanged', async () => {
    const { call } = await front(aTown);
    for (const [method, path] of [
      ['POST', '/webhook'],
      ['GET', '/webhook/a-town'],
      ['GET', '/staff/api/stats'],
      ['GET', '/t/a-town/other'],
      ['GET', '/t/a-town/tipping'],
      ['GET', '/tip'],
    ] as const)
      expect((await call(method, path)).body, `${method} ${path}`).toEqual({ name: 'town', url: path });
    expect((await call('GET', '/service/api/tenants')).body).toEqual({ name: 'admin', url: '/service/api/tenants' });
  });

  it('when the tenant cannot be looked up (the database is down), then 503 unavailable, logged without detail', async () => {
    const { call, logs } = await front(() => Promise.reject(new Error('connect ECONNREFUSED postgresql://bot:pw@db')));
    const res = await call('POST', '/webhook/a-town');
    expect(res).toEqual({
      status: 503,
      body: { error: { code: 'unavailable', message: 'the municipality cannot be served right now; try again' } },
    });
    expect(logs).toEqual([expect.objectContaining({ msg: 'tenant unavailable', tenant: 'a-town', error: 'Error' })]);
    expect(JSON.stringify(logs)).not.toContain('pw@db');
  });
});
