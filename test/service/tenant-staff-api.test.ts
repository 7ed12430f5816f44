import { describe, expect, it } from 'vitest';
import { followEvent, userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { TOKENS, TOWNS, newTown, useService, type TestService } from './service-harness.js';

const subscribers = async (res: Response) => ((await res.json()) as { subscribers: number }).subscribers;

describe.skipIf(!hasPostgres)('the shared service: staff tokens per tenant and the service administrator', () => {
  let s!: TestService;
  useService((started) => (s = started));

  it("when a tenant's token calls /staff/api or /t/<its id>/staff/api, then it sees its own tenant's figures only", async () => {
    await s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, followEvent(userId(201)), followEvent(userId(202)));
    await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.b.secret, followEvent(userId(203)));
    expect(await subscribers(await s.call('GET', '/staff/api/stats', TOKENS.a))).toBe(2);
    expect(await subscribers(await s.call('GET', `/t/${TOWNS.a.id}/staff/api/stats`, TOKENS.a))).toBe(2);
    expect(await subscribers(await s.call('GET', '/staff/api/stats', TOKENS.b))).toBe(1);
    // The single town's token stays the single town's
    expect(await subscribers(await s.call('GET', '/staff/api/stats', TOKENS.town))).toBe(0);
  });

  it("when tenant A's token is used under tenant B, then 403 wrong_tenant and B's data is not read", async () => {
    for (const route of ['stats', 'tips']) {
      const res = await s.call('GET', `/t/${TOWNS.b.id}/staff/api/${route}`, TOKENS.a);
      expect(res.status, route).toBe(403);
      expect(await res.json()).toEqual({
        error: { code: 'wrong_tenant', message: 'this staff token belongs to another municipality' },
      });
    }
  });

  it("when the single town's token is used under a tenant, then the tenant's API refuses it (401)", async () => {
    const res = await s.call('GET', `/t/${TOWNS.a.id}/staff/api/tips`, TOKENS.town);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('when a tenant is unknown or suspended under /t/, then 404 unknown_tenant or 403 tenant_suspended', async () => {
    const unknown = await s.call('GET', '/t/nowhere/staff/api/stats', TOKENS.town);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_tenant' } });
    const suspended = await s.call('GET', `/t/${TOWNS.closed.id}/staff/api/stats`, TOKENS.town);
    expect(suspended.status).toBe(403);
    expect(await suspended.json()).toMatchObject({ error: { code: 'tenant_suspended' } });
    // Another tenant's token learns nothing about which tenants exist
    const other = await s.call('GET', '/t/nowhere/staff/api/stats', TOKENS.a);
    expect(await other.json()).toMatchObject({ error: { code: 'wrong_tenant' } });
  });

  it("when the service administrator asks for any tenant's tips or figures, then 403 service_admin", async () => {
    for (const route of [
      '/staff/api/tips',
      '/staff/api/stats',
      `/t/${TOWNS.a.id}/staff/api/tips`,
      `/t/${TOWNS.b.id}/staff/api/tips/some-id`,
    ]) {
      const res = await s.call('GET', route, TOKENS.admin);
      expect(res.status, route).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'service_admin' } });
    }
  });

  it('when the administrator lists tenants, then ids, names, status and webhook paths, and no secret', async () => {
    const res = await s.call('GET', '/service/api/tenants', TOKENS.admin);
    expect(res.status).toBe(200);
    const text = await res.text();
    const { tenants } = JSON.parse(text) as { tenants: Array<Record<string, unknown>> };
    expect(tenants.map((t) => [t.id, t.status, t.webhookPath])).toEqual([
      [TOWNS.a.id, 'active', `/webhook/${TOWNS.a.id}`],
      [TOWNS.b.id, 'active', `/webhook/${TOWNS.b.id}`],
      [TOWNS.closed.id, 'suspended', `/webhook/${TOWNS.closed.id}`],
    ]);
    for (const t of Object.values(TOWNS)) {
      expect(text).not.toContain(t.secret);
      expect(text).not.toContain(t.token);
    }
  });

  it("when anyone but the administrator calls the admin API, then 401 (a tenant's or the town's staff token too)", async () => {
    for (const token of [TOKENS.a, TOKENS.town, 'x'.repeat(40)]) {
      const res = await s.call('GET', '/service/api/tenants', token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect((await fetch(`${s.url}/service/api/tenants`)).status).toBe(401);
  });

  it('when the administrator adds a tenant, then its webhook answers with its own token; suspended, it is refused; resumed, served again', async () => {
    const town = newTown('d-town');
    const added = await s.call('POST', '/service/api/tenants', TOKENS.admin, town);
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ id: 'd-town', name: town.name, status: 'active' });
    const follow = followEvent(userId(204));
    expect((await s.webhook('/webhook/d-town', town.channelSecret, follow)).status).toBe(200);
    const reply = s.line.replies().find((c) => c.body.replyToken === follow.replyToken);
    expect(reply?.headers.authorization).toBe(`Bearer ${town.accessToken}`);

    expect((await s.call('POST', '/service/api/tenants/d-town/suspend', TOKENS.admin)).status).toBe(200);
    expect((await s.webhook('/webhook/d-town', town.channelSecret, followEvent(userId(205)))).status).toBe(403);
    const resumed = await s.call('POST', '/service/api/tenants/d-town/resume', TOKENS.admin);
    expect(await resumed.json()).toMatchObject({ id: 'd-town', status: 'active' });
    expect((await s.webhook('/webhook/d-town', town.channelSecret, followEvent(userId(206)))).status).toBe(200);
  });

  it('when the administrator sends bad input, then 400, 409 or 404 with a code, and nothing is added', async () => {
    const bad = await s.call('POST', '/service/api/tenants', TOKENS.admin, {
      id: 'Bad Id',
      name: 'x',
      channelSecret: 's',
      accessToken: 't',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_id' } });
    const missing = await s.call('POST', '/service/api/tenants', TOKENS.admin, { id: 'e-town' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'invalid' } });
    const taken = await s.call('POST', '/service/api/tenants', TOKENS.admin, {
      id: TOWNS.a.id,
      name: 'x',
      channelSecret: 's',
      accessToken: 't',
    });
    expect(taken.status).toBe(409);
    const unknown = await s.call('POST', '/service/api/tenants/nowhere/suspend', TOKENS.admin);
    expect(unknown.status).toBe(404);
    expect((await s.db.tenants.list()).map((t) => t.id)).not.toContain('e-town');
  });
});
