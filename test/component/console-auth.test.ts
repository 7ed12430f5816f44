import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/crypto/keys.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { ConsoleClient, createAccount, createReadyAccount } from '../helpers/console-client.js';
import { AccountStore, accountsFile } from '../../src/staff/account-store.js';
import { main as staffCli } from '../../src/cli/staff.js';
import { readAndVerifyAudit } from '../../src/staff/audit-file.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const actions = (b: TestBot) => b.runtime.audit.list().map((e) => `${e.actor} ${e.action}`);

describe('staff console: login, sessions and security headers', () => {
  it('when a page is opened without a session, then it goes to the login page, which has strict headers and no inline script', async () => {
    bot = await startBot();
    const c = new ConsoleClient(bot.url);
    const home = await c.get('/staff/');
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/staff/login');
    const login = await c.get('/staff/login');
    expect(login.status).toBe(200);
    const csp = login.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(login.headers.get('referrer-policy')).toBe('no-referrer');
    expect(login.headers.get('x-content-type-options')).toBe('nosniff');
    expect(c.last).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(c.last).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    const cookie = login.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('when the request came over HTTPS through a proxy, then the cookie is Secure with the __Host- prefix', async () => {
    bot = await startBot();
    const res = await fetch(`${bot.url}/staff/login`, { headers: { 'x-forwarded-proto': 'https' } });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^__Host-phonsai_staff=/);
    expect(cookie).toMatch(/; Secure/);
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('when a new account logs in with its one-time password, then it must set a new one first, and the old one stops working', async () => {
    bot = await startBot();
    const once = await createAccount(bot.dataDir, 'somsri', 'editor');
    const c = new ConsoleClient(bot.url);
    await c.get('/staff/login');
    const login = await c.post('/staff/login', { name: 'somsri', password: once });
    expect(login.headers.get('location')).toBe('/staff/password');
    expect((await c.get('/staff/')).headers.get('location')).toBe('/staff/password');
    await c.get('/staff/password');
    const weak = await c.post('/staff/password', { current: once, next: 'short', confirm: 'short' });
    expect(weak.status).toBe(400);
    const done = await c.post('/staff/password', {
      current: once,
      next: 'Phon-Sai-2569-news',
      confirm: 'Phon-Sai-2569-news',
    });
    expect(done.headers.get('location')).toBe('/staff/');
    expect((await c.get('/staff/')).status).toBe(200);
    expect(c.last).toContain('ภาพรวม');

    const other = new ConsoleClient(bot.url);
    expect((await other.login('somsri', once)).status).toBe(401);
    expect(actions(bot)).toEqual(['somsri login', 'somsri password.change', 'somsri login.failed']);
    expect(JSON.stringify(bot.runtime.audit.list())).not.toContain(once);
  });

  it('when the password is wrong five times, then the account is locked even for the right password, and each try is audited', async () => {
    bot = await startBot();
    const password = await createReadyAccount(bot.dataDir, 'kasem', 'auditor');
    const c = new ConsoleClient(bot.url);
    for (let i = 0; i < 5; i++) expect([401, 429]).toContain((await c.login('kasem', 'wrong-password-xx')).status);
    const locked = await c.login('kasem', password);
    expect(locked.status).toBe(429);
    expect(c.last).toContain('ถูกล็อกชั่วคราว');
    expect(new AccountStore(accountsFile(bot.dataDir)).get('kasem')!.lockedUntil).toBeDefined();
    expect(actions(bot).filter((a) => a === 'kasem login.failed')).toHaveLength(6);
  });

  it('when an unknown name is tried, then the answer is the same as for a wrong password and the name is not recorded', async () => {
    bot = await startBot();
    const c = new ConsoleClient(bot.url);
    const res = await c.login('my-secret-password', 'x');
    expect(res.status).toBe(401);
    expect(c.last).toContain('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
    expect(JSON.stringify(bot.runtime.audit.list())).not.toContain('my-secret-password');
    expect(actions(bot)).toEqual(['(unknown) login.failed']);
  });

  it("when a form is posted without the CSRF token, with another session's token, or from another origin, then it is refused", async () => {
    bot = await startBot();
    const password = await createReadyAccount(bot.dataDir, 'admin1', 'admin');
    const c = new ConsoleClient(bot.url);
    await c.login('admin1', password);
    await c.get('/staff/accounts');
    expect((await c.post('/staff/accounts', { name: 'nocsrf', role: 'editor' }, { csrf: false })).status).toBe(403);
    expect((await c.post('/staff/accounts', { name: 'wrongcsrf', role: 'editor', _csrf: 'x'.repeat(43) })).status).toBe(
      403,
    );
    expect(
      (await c.post('/staff/accounts', { name: 'evil', role: 'editor' }, { origin: 'https://evil.example' })).status,
    ).toBe(403);
    const other = new ConsoleClient(bot.url);
    await other.get('/staff/login');
    expect((await c.post('/staff/accounts', { name: 'stolen', role: 'editor', _csrf: other.csrf })).status).toBe(403);
    expect((await c.post('/staff/accounts', { name: 'okay', role: 'editor' })).status).toBe(200);
    expect(new AccountStore(accountsFile(bot.dataDir)).list().map((a) => a.name)).toEqual(['admin1', 'okay']);
  });

  it('when someone logs out, then that session ends, the cookie is cleared and the next page asks for a login', async () => {
    bot = await startBot();
    const password = await createReadyAccount(bot.dataDir, 'wipa', 'auditor');
    const c = new ConsoleClient(bot.url);
    await c.login('wipa', password);
    const cookie = c.cookie;
    await c.get('/staff/');
    const out = await c.post('/staff/logout');
    expect(out.headers.get('location')).toBe('/staff/login?out=1');
    expect(out.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
    const replay = await fetch(`${bot.url}/staff/`, { headers: { cookie }, redirect: 'manual' });
    expect(replay.headers.get('location')).toBe('/staff/login');
    expect(actions(bot)).toEqual(['wipa login', 'wipa logout']);
  });

  it('when someone logs out everywhere, then every session of that account ends', async () => {
    bot = await startBot();
    const password = await createReadyAccount(bot.dataDir, 'niran', 'tip-handler');
    const phone = new ConsoleClient(bot.url);
    const desk = new ConsoleClient(bot.url);
    await phone.login('niran', password);
    await desk.login('niran', password);
    await phone.get('/staff/');
    const out = await phone.post('/staff/logout-everywhere');
    expect(out.headers.get('location')).toBe('/staff/login?out=1');
    expect((await desk.get('/staff/')).headers.get('location')).toBe('/staff/login');
    expect(actions(bot)).toContain('niran logout.everywhere');
  });

  it('when `npm run staff` adds an account while the bot runs, then it can log in at once and the trail records the change as the command line, chain intact', async () => {
    bot = await startBot();
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), now: () => new Date() };
    expect(
      await staffCli(
        ['add', 'pranee', '--role', 'auditor'],
        { DATA_DIR: bot.dataDir, TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') },
        io,
      ),
    ).toBe(0);
    const once = /One-time password: (\S+)/.exec(out.join('\n'))![1]!;
    const c = new ConsoleClient(bot.url);
    expect((await c.login('pranee', once)).headers.get('location')).toBe('/staff/password');
    const trail = bot.runtime.audit.list();
    expect(trail[0]).toMatchObject({
      actor: 'command-line',
      action: 'account.create',
      target: 'account:pranee',
      details: { role: 'auditor' },
    });
    expect(trail[1]).toMatchObject({ actor: 'pranee', action: 'login' });
    const onDisk = await readAndVerifyAudit(
      path.join(bot.dataDir, 'state', 'audit.jsonl'),
      deriveKeys(Buffer.alloc(32, 7)).audit,
    );
    expect(onDisk.check).toEqual({ ok: true, count: 2 });
  });
});
