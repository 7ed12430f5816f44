import { beforeAll, describe, expect, it } from 'vitest';
import { PostgresAccountStore } from '../../src/db/account-store-postgres.js';
import { tenantScope } from '../../src/db/postgres-stores.js';
import { StaffAccounts } from '../../src/staff/accounts.js';
import { ConsoleClient } from '../helpers/console-client.js';
import { followEvent, userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { newTown, TOKENS, TOWNS, useService, type TestService } from './service-harness.js';

const PASSWORD = 'Strong-Pass-2569-Banmai';
const TOWN_NAME = 'เทศบาลตำบลโพนทราย';
const A = `/t/${TOWNS.a.id}`;
const B = `/t/${TOWNS.b.id}`;

/** The name a page's header shows: the tip form's agency line or the console's brand link. */
const headerOf = (page: string) =>
  /<p class="agency">([^<]*)<\/p>/.exec(page)?.[1] ?? /<a class="brand" href="[^"]*">([^<]*)<\/a>/.exec(page)?.[1];
const titleOf = (page: string) => /<title>([^<]*)<\/title>/.exec(page)?.[1];

/** The page names `name` in its header and title, and no other municipality anywhere. */
function expectNamed(page: string, name: string, others: string[]): void {
  expect(headerOf(page)).toMatch(new RegExp(`${name}$`));
  expect(titleOf(page)).toMatch(new RegExp(`${name}$`));
  for (const other of others.filter((o) => o !== name)) expect(page).not.toContain(other);
}
const ALL = [TOWNS.a.name, TOWNS.b.name, TOWN_NAME];

/** The page's own addresses (links, forms, scripts, styles) that are not under `base`. */
const outside = (page: string, base: string) =>
  [...page.matchAll(/\s(?:href|src|action|formaction|data-[a-z-]+)="(\/[^"]*)"/g)]
    .map((m) => m[1]!)
    .filter((url) => !url.startsWith(`${base}/`) && url !== base);

async function fileTip(s: TestService, base: string): Promise<string> {
  const form = await (await fetch(`${s.url}${base}/tip`)).text();
  const data = new FormData();
  for (const [k, v] of Object.entries({ what: 'มีการเรียกรับเงินค่าดำเนินการ', who: '', when: '', where: '' }))
    data.append(k, v);
  data.append('n', /name="n" value="([^"]+)"/.exec(form)![1]!);
  const filed = await fetch(`${s.url}${base}/tip`, { method: 'POST', body: data });
  expect(filed.status).toBe(200);
  return filed.text();
}

async function loggedIn(s: TestService, base: string, name: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(s.url + base);
  expect((await client.login(name, PASSWORD)).status).toBe(303);
  return client;
}

describe.skipIf(!hasPostgres)(
  "the shared service: each tenant's pages and chat say its own name and link under its address",
  () => {
    let s!: TestService;
    useService((started) => (s = started));
    beforeAll(async () => {
      const scope = await tenantScope(s.db.pool, s.db.tenants, TOWNS.a.id);
      const accounts = new StaffAccounts(new PostgresAccountStore(scope));
      const { password } = await accounts.create('somchai', 'tip-handler', new Date());
      await accounts.changePassword('somchai', password, PASSWORD, new Date());
    });

    it("when a tenant's /tip form, receipt and status pages are opened, then each names that tenant, not another", async () => {
      for (const [base, name] of [
        [A, TOWNS.a.name],
        [B, TOWNS.b.name],
      ] as const) {
        const form = await (await fetch(`${s.url}${base}/tip`)).text();
        expectNamed(form, name, ALL);
        const receipt = await fileTip(s, base);
        expectNamed(receipt, name, ALL);
        const status = await (await fetch(`${s.url}${base}/tip/status`)).text();
        expectNamed(status, name, ALL);
        for (const page of [form, receipt, status]) expect(outside(page, `${base}/tip`)).toEqual([]);
      }
    });

    it("when a tenant's console login, home and error pages are opened, then each names that tenant, not another", async () => {
      expectNamed(await (await fetch(`${s.url}${B}/staff/login`)).text(), TOWNS.b.name, ALL);
      const login = await fetch(`${s.url}${A}/staff/login`);
      expect(login.status).toBe(200);
      expectNamed(await login.text(), TOWNS.a.name, ALL);
      const a = await loggedIn(s, A, 'somchai');
      expect((await a.get('/staff/')).status).toBe(200);
      expectNamed(a.last, TOWNS.a.name, ALL);
      expect(outside(a.last, `${A}/staff`)).toEqual([]);
      expect((await a.get('/staff/tips')).status).toBe(200);
      expect(outside(a.last, `${A}/staff`)).toEqual([]);
      expect((await a.get('/staff/no-such-page')).status).toBe(404);
      expectNamed(a.last, TOWNS.a.name, ALL);
    });

    it("when the single town's pages are opened, then they keep its own name", async () => {
      const tip = await (await fetch(`${s.url}/tip`)).text();
      expectNamed(tip, TOWN_NAME, ALL);
      expect(outside(tip, '/tip')).toEqual([]);
      const login = await (await fetch(`${s.url}/staff/login`)).text();
      expectNamed(login, TOWN_NAME, ALL);
      expect(outside(login, '/staff')).toEqual([]);
    });

    it("when a resident adds a tenant's LINE account, then the welcome card names that tenant", async () => {
      const follow = followEvent(userId(401));
      await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.b.secret, follow);
      const reply = s.line.replies().find((c) => c.body.replyToken === follow.replyToken);
      const welcome = JSON.stringify((reply?.body.messages as unknown[])[0]);
      expect(welcome).toContain(`ยินดีต้อนรับสู่ผู้ช่วยด้านคุณธรรมและความโปร่งใส ${TOWNS.b.name}`);
      expect(welcome).not.toContain(TOWN_NAME);
      expect(welcome).not.toContain(TOWNS.a.name);
    });

    it('when the administrator renames a tenant, then its pages and welcome say the new name from the next request', async () => {
      const town = newTown('r-town');
      expect((await s.call('POST', '/service/api/tenants', TOKENS.admin, town)).status).toBe(201);
      expectNamed(await (await fetch(`${s.url}/t/r-town/tip`)).text(), town.name, ALL);
      const renamed = await s.call('PATCH', '/service/api/tenants/r-town', TOKENS.admin, {
        name: ' เทศบาลตำบลดอนแก้ว ',
      });
      expect(renamed.status).toBe(200);
      expect(await renamed.json()).toMatchObject({
        id: 'r-town',
        name: 'เทศบาลตำบลดอนแก้ว',
        webhookPath: '/webhook/r-town',
      });
      expectNamed(await (await fetch(`${s.url}/t/r-town/tip`)).text(), 'เทศบาลตำบลดอนแก้ว', [...ALL, town.name]);
      expectNamed(await (await fetch(`${s.url}/t/r-town/staff/login`)).text(), 'เทศบาลตำบลดอนแก้ว', [...ALL, town.name]);
      const follow = followEvent(userId(402));
      await s.webhook('/webhook/r-town', town.channelSecret, follow);
      const reply = s.line.replies().find((c) => c.body.replyToken === follow.replyToken);
      expect(JSON.stringify(reply?.body.messages)).toContain('เทศบาลตำบลดอนแก้ว');
    });

    it.each([
      ['empty', ''],
      ['only spaces', '   '],
      ['too long', 'ก'.repeat(101)],
      ['a new line', 'เทศบาล\nบ้านใหม่'],
      ['a control character', 'เทศบาล\u0000บ้านใหม่'],
      ['a bidi override', 'เทศบาล\u202Eบ้านใหม่'],
      ['not text', 42],
    ])(
      'when the administrator gives a name that is %s, then 400 invalid on name, and nothing changes',
      async (_what, name) => {
        const added = await s.call('POST', '/service/api/tenants', TOKENS.admin, { ...newTown('bad-name'), name });
        const renamed = await s.call('PATCH', `/service/api/tenants/${TOWNS.a.id}`, TOKENS.admin, { name });
        for (const res of [added, renamed]) {
          expect(res.status).toBe(400);
          expect(await res.json()).toMatchObject({
            error: { code: 'invalid', details: [expect.objectContaining({ path: 'name' })] },
          });
        }
        const tenants = await s.db.tenants.list();
        expect(tenants.map((t) => t.id)).not.toContain('bad-name');
        expect(tenants.find((t) => t.id === TOWNS.a.id)?.name).toBe(TOWNS.a.name);
      },
    );

    it('when a rename names no tenant, carries other fields or comes without the admin token, then it is refused', async () => {
      const unknown = await s.call('PATCH', '/service/api/tenants/nowhere', TOKENS.admin, { name: 'เทศบาลนคร' });
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: 'unknown' } });
      const extra = await s.call('PATCH', `/service/api/tenants/${TOWNS.a.id}`, TOKENS.admin, {
        name: 'เทศบาลนคร',
        status: 'suspended',
      });
      expect(extra.status).toBe(400);
      const staff = await s.call('PATCH', `/service/api/tenants/${TOWNS.a.id}`, TOKENS.a, { name: 'เทศบาลนคร' });
      expect(staff.status).toBe(401);
      expect((await s.db.tenants.list()).find((t) => t.id === TOWNS.a.id)).toMatchObject({
        name: TOWNS.a.name,
        status: 'active',
      });
    });
  },
);
