import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationRepo } from '../../src/bot/conversation.js';
import type { ConsoleDeps } from '../../src/console/console-deps.js';
import { createConsoleRouter } from '../../src/console/console-router.js';
import { createTipsRoutes } from '../../src/console/routes/tips-routes.js';
import { postgresStores } from '../../src/db/postgres-stores.js';
import type { TenantScope } from '../../src/db/tenant-scope.js';
import type { LineGateway } from '../../src/line/line-gateway.js';
import { LOCKOUT, StaffAccounts } from '../../src/staff/accounts.js';
import { DEFAULT_TIP_RULES } from '../../src/tips/deadlines.js';
import { openTipChannel, type TipChannel } from '../../src/tips/tip-channel.js';
import { ConsoleClient } from '../helpers/console-client.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';

const STORY = 'มีการเรียกเงินใต้โต๊ะที่ฝ่ายทะเบียน';
const WHO = 'เจ้าหน้าที่ฝ่ายทะเบียน';
const PASSWORD = 'Strong-Pass-2569-Phonsai';
const clock = () => new Date();
const servers: Server[] = [];

/**
 * One bot process of a tenant, as far as tips and the console go: the tip channel on the
 * tenant's PostgreSQL tips and audit trail, the console on its accounts and sessions.
 */
async function startProcess(scope: TenantScope): Promise<{ url: string; accounts: StaffAccounts; tips: TipChannel }> {
  const logger = createMemoryLogger();
  const pg = postgresStores(scope, { clock, logger });
  const tips = await openTipChannel({
    dataDir: await tempDir(),
    key: scope.keys.tips,
    rules: DEFAULT_TIP_RULES,
    // The web form files and the console reads: no chat, no LINE call here
    line: {} as LineGateway,
    conversations: {} as ConversationRepo,
    inbox: pg.inbox,
    audit: pg.audit,
    store: pg.tips,
    clock,
    logger,
    town: () => 'เทศบาลตำบลทดสอบ',
  });
  const accounts = new StaffAccounts(pg.accounts);
  // The console's parts these pages use; the rest of ConsoleDeps belongs to pages not opened here
  const deps = {
    accounts,
    sessions: pg.sessions,
    audit: pg.audit,
    dataDir: await tempDir(),
    clock,
    logger,
    town: () => 'เทศบาลตำบลทดสอบ',
  } as unknown as ConsoleDeps;
  const app = express();
  const web = tips.feature.routes!.find((r) => r.mount === 'public')!;
  app.use(web.path, web.router);
  app.use('/staff', createConsoleRouter(deps, [{ path: '/tips', router: createTipsRoutes(tips) }]));
  const server = await new Promise<Server>((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, accounts, tips };
}

async function fileOnTheWeb(url: string, fields: Record<string, string>): Promise<Response> {
  const form = await (await fetch(`${url}/tip`)).text();
  const nonce = /name="n" value="([^"]+)"/.exec(form)![1]!;
  const body = new FormData();
  for (const [k, v] of Object.entries({ n: nonce, when: '', where: '', ...fields })) body.append(k, v);
  return fetch(`${url}/tip`, { method: 'POST', body });
}

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

describe.skipIf(!hasPostgres)('tips and the console of one tenant on PostgreSQL, served by two processes', () => {
  const db = useMigratedDatabase();

  it('when a tip is filed through one process, then staff logged in at the other read it, and the rows hold it sealed', async () => {
    const scope = await db().newTenant();
    const a = await startProcess(scope);
    const b = await startProcess({ ...scope, pool: db().secondPool() });
    const filed = await fileOnTheWeb(a.url, { what: STORY, who: WHO });
    expect(filed.status).toBe(200);
    const receipt = /id="receipt">([\d ]+)</.exec(await filed.text())![1]!.replace(/ /g, '');

    const { password } = await a.accounts.create('somchai', 'tip-handler', clock());
    const staff = new ConsoleClient(b.url);
    expect((await staff.login('somchai', password, PASSWORD)).status).toBe(303);
    const list = await (await staff.get('/staff/tips')).text();
    const tipId = /data-tip="([^"]+)"/.exec(list)![1]!;
    const page = await staff.get(`/staff/tips/${tipId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(STORY);

    const rows = await db().dumpWhere('tips', scope.tenantId);
    expect(rows).toHaveLength(1);
    for (const secret of [STORY, WHO, receipt]) expect(rows[0]).not.toContain(secret);
    const audit = (await db().dumpWhere('audit_entries', scope.tenantId)).join('\n');
    expect(audit).toContain(`tip:${tipId}`);
    expect(audit).toContain('tip.read');
  });

  it("when a tip is filed at one process, then that process's figures count it at once and the other's by its next call", async () => {
    const scope = await db().newTenant();
    const a = await startProcess(scope);
    const b = await startProcess({ ...scope, pool: db().secondPool() });
    const open = (p: { tips: TipChannel }) => p.tips.stats(new Date(0), new Date(Date.now() + 60_000)).open;
    expect([open(a), open(b)]).toEqual([0, 0]);
    expect((await fileOnTheWeb(a.url, { what: STORY, who: '' })).status).toBe(200);
    expect(open(a)).toBe(1);
    // The other process read its figures before this tip: the call starts a new read
    open(b);
    await expect.poll(() => open(b)).toBe(1);
  });

  it('when staff log in at one process, then the other knows the session, and a logout there ends it at both', async () => {
    const scope = await db().newTenant();
    const a = await startProcess(scope);
    const b = await startProcess({ ...scope, pool: db().secondPool() });
    const { password } = await a.accounts.create('malee', 'tip-handler', clock());
    const atA = new ConsoleClient(a.url);
    await atA.login('malee', password, PASSWORD);
    const atB = Object.assign(new ConsoleClient(b.url), { cookie: atA.cookie });
    expect((await atB.get('/staff/tips')).status).toBe(200);
    expect((await fetchWith(a.url, atA.cookie)).status).toBe(200);
    const out = await atB.post('/staff/logout');
    expect(out.headers.get('location')).toBe('/staff/login?out=1');
    const after = await fetchWith(a.url, atA.cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/staff/login');
  });

  it('when wrong passwords reach both processes at once, then every one counts and the account locks', async () => {
    const scope = await db().newTenant();
    const procs = [await startProcess(scope), await startProcess({ ...scope, pool: db().secondPool() })];
    await procs[0]!.accounts.create('niran', 'editor', clock());
    const clients = Array.from({ length: LOCKOUT.failures }, (_, i) => new ConsoleClient(procs[i % 2]!.url));
    for (const c of clients) await c.get('/staff/login');
    const results = await Promise.all(clients.map((c) => c.post('/staff/login', { name: 'niran', password: 'wrong' })));
    expect(results.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 429]);
    const account = await procs[1]!.accounts.get('niran');
    expect(account?.lockedUntil).toBeDefined();
    expect(account?.failures).toBe(0);
  });
});

/** A GET of the tips page with only this cookie. */
const fetchWith = (url: string, cookie: string) =>
  fetch(`${url}/staff/tips`, { headers: { cookie }, redirect: 'manual' });
