import { beforeAll, describe, expect, it } from 'vitest';
import { PostgresAccountStore } from '../../src/db/account-store-postgres.js';
import { tenantScope } from '../../src/db/postgres-stores.js';
import { StaffAccounts } from '../../src/staff/accounts.js';
import { ConsoleClient } from '../helpers/console-client.js';
import { textEvent, userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { TOKENS, TOWNS, useService, type TestService } from './service-harness.js';

const PASSWORD = 'Strong-Pass-2569-Phonsai';
const A = `/t/${TOWNS.a.id}`;
const B = `/t/${TOWNS.b.id}`;

const receiptOf = (page: string) =>
  /<p class="receipt" id="receipt">(\d{4} \d{4} \d{4} \d{4})<\/p>/.exec(page)?.[1]?.replace(/ /g, '') ?? null;

/** A console account of `tenant` that has already replaced its one-time password. */
async function readyAccount(s: TestService, tenant: string, name: string, role: string): Promise<void> {
  const accounts = new StaffAccounts(new PostgresAccountStore(await tenantScope(s.db.pool, s.db.tenants, tenant)));
  const { password } = await accounts.create(name, role, new Date());
  await accounts.changePassword(name, password, PASSWORD, new Date());
}

/** Logs in on the console under `base` (a tenant's /t/<id>, or '' for the single town). */
async function loggedIn(s: TestService, base: string, name: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(s.url + base);
  const res = await client.login(name, PASSWORD);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(`${base}/staff/`);
  return client;
}

describe.skipIf(!hasPostgres)("the shared service: each tenant's tip form and staff console under /t/<tenant>", () => {
  let s!: TestService;
  useService((started) => (s = started));
  beforeAll(async () => {
    await readyAccount(s, TOWNS.a.id, 'somchai', 'tip-handler');
    await readyAccount(s, TOWNS.b.id, 'malee', 'tip-handler');
  });

  it("when a tip is filed through tenant A's form, then it is in A's rows only, and B's console and lookup cannot see it", async () => {
    const form = await fetch(`${s.url}${A}/tip`);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain(`action="${A}/tip"`);
    expect(page).toContain(`href="${A}/tip/tip.css"`);
    expect((await fetch(`${s.url}${A}/tip/tip.css`)).headers.get('content-type')).toContain('text/css');
    const data = new FormData();
    for (const [k, v] of Object.entries({ what: 'เจ้าหน้าที่เรียกเงินค่าเซ็นใบอนุญาต', who: '', when: '', where: '' }))
      data.append(k, v);
    data.append('n', /name="n" value="([^"]+)"/.exec(page)![1]!);
    const filed = await fetch(`${s.url}${A}/tip`, { method: 'POST', body: data });
    expect(filed.status).toBe(200);
    const receipt = receiptOf(await filed.text());
    expect(receipt).toMatch(/^\d{16}$/);

    expect(await s.db.dumpWhere('tips', TOWNS.a.id)).toHaveLength(1);
    expect(await s.db.dumpWhere('tips', TOWNS.b.id)).toHaveLength(0);
    const { tips } = (await (await s.call('GET', `${A}/staff/api/tips`, TOKENS.a)).json()) as {
      tips: Array<{ id: string; channel: string }>;
    };
    expect(tips).toEqual([expect.objectContaining({ channel: 'web' })]);
    const tipId = tips[0]!.id;

    const a = await loggedIn(s, A, 'somchai');
    expect((await a.get('/staff/tips')).status).toBe(200);
    expect(a.last).toContain(`data-tip="${tipId}"`);
    expect(a.last).toContain(`href="${A}/staff/tips/${tipId}"`);
    const b = await loggedIn(s, B, 'malee');
    expect((await b.get('/staff/tips')).status).toBe(200);
    expect(b.last).not.toContain(tipId);
    expect((await b.get(`/staff/tips/${tipId}`)).status).toBe(404);

    expect((await fetch(`${s.url}${B}/tip/status?receipt=${receipt}`)).status).toBe(404);
    expect((await fetch(`${s.url}${A}/tip/status?receipt=${receipt}`)).status).toBe(200);
    // The single town's store has none of it
    const town = (await (await s.call('GET', '/staff/api/tips', TOKENS.town)).json()) as { tips: unknown[] };
    expect(town.tips).toEqual([]);
  });

  it("when staff log in on A's console, then the cookie and links stay under A, and the session is refused on B's pages", async () => {
    const a = await loggedIn(s, A, 'somchai');
    const [name, id] = a.cookie.split('=') as [string, string];
    expect(name).toBe(`phonsai_staff.${TOWNS.a.id}`);
    expect((await a.get('/staff/')).status).toBe(200);
    expect(a.last).toContain(`href="${A}/staff/tips"`);
    expect(a.last).toContain(`action="${A}/staff/logout"`);
    // Its scripts come from under A too, and what they import with them
    expect(a.last).toContain(`src="${A}/staff/assets/console.js"`);
    expect(await (await fetch(`${s.url}${A}/staff/assets/console.js`)).text()).toContain("from './flex-render.js'");
    expect((await fetch(`${s.url}${A}/staff/assets/flex-render.js`)).status).toBe(200);
    const csrfOfA = a.csrf;

    // A's cookie as the browser sends it, and A's session id under B's name
    for (const cookie of [a.cookie, `phonsai_staff.${TOWNS.b.id}=${id}`]) {
      const onB = new ConsoleClient(s.url + B);
      onB.cookie = cookie;
      const page = await onB.get('/staff/tips');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe(`${B}/staff/login`);
      const change = await onB.post('/staff/logout', { _csrf: csrfOfA });
      expect(change.status).toBe(403);
    }
    // Nor does the single town's console know it
    const town = new ConsoleClient(s.url);
    town.cookie = `phonsai_staff=${id}`;
    expect((await town.get('/staff/')).headers.get('location')).toBe('/staff/login');
    // A's account does not exist on B
    const onB = new ConsoleClient(s.url + B);
    await onB.get('/staff/login');
    expect((await onB.post('/staff/login', { name: 'somchai', password: PASSWORD })).status).toBe(401);
    // A's session still works on A
    expect((await a.get('/staff/tips')).status).toBe(200);
  });

  it("when B's csrf token is used with A's session, then A refuses the change (403)", async () => {
    const a = await loggedIn(s, A, 'somchai');
    const b = await loggedIn(s, B, 'malee');
    await b.get('/staff/');
    const res = await a.post('/staff/logout', { _csrf: b.csrf });
    expect(res.status).toBe(403);
    expect((await a.get('/staff/')).status).toBe(200);
  });

  it('when the tenant is unknown or suspended, then its pages answer 404 unknown_tenant or 403 tenant_suspended', async () => {
    for (const path of ['/tip', '/tip/status', '/staff/login', '/staff/']) {
      const unknown = await fetch(`${s.url}/t/nowhere${path}`);
      expect(unknown.status, path).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 'unknown_tenant' } });
      const closed = await fetch(`${s.url}/t/${TOWNS.closed.id}${path}`);
      expect(closed.status, path).toBe(403);
      expect(await closed.json()).toMatchObject({ error: { code: 'tenant_suspended' } });
    }
  });

  it("when the single town's pages are opened, then they keep their own addresses", async () => {
    const tip = await (await fetch(`${s.url}/tip`)).text();
    expect(tip).toContain('action="/tip"');
    const login = await fetch(`${s.url}/staff/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('action="/staff/login"');
    expect(login.headers.get('set-cookie')).toMatch(/^phonsai_staff=[^;]+; Path=\/staff;/);
  });

  it("when a resident starts a tip in a tenant's chat, then the link to the web form is that tenant's", async () => {
    await s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, textEvent(userId(302), 'แจ้งเบาะแส'));
    const reply = JSON.stringify(s.line.replies()[0]?.body);
    expect(reply).toContain(`${A}/tip`);
    expect(reply).not.toMatch(/localhost:\d+\/tip/);
  });

  it("when a tenant's bot answers in chat, then its reply took a slot of the tenant's shared LINE limits", async () => {
    await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.b.secret, textEvent(userId(301), 'สวัสดี'));
    expect(s.line.replies()).toHaveLength(1);
    const rows = await s.db.dumpWhere('line_rate_limits', TOWNS.b.id);
    expect(rows.some((r) => r.includes(',reply,'))).toBe(true);
  });
});
