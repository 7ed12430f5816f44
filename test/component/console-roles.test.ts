import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, textEvent, userId } from '../helpers/events.js';
import { ConsoleClient, createReadyAccount } from '../helpers/console-client.js';
import { fileTipInChat } from '../helpers/tip-chat-helpers.js';

let bot: TestBot;
let tipId = '';
const clients: Record<string, ConsoleClient> = {};

beforeAll(async () => {
  bot = await startBot();
  await bot.send(followEvent(userId(1)));
  await fileTipInChat(bot, userId(1), { what: 'เรื่องทดสอบสิทธิ์' });
  tipId = (await bot.runtime.tips.desk.list({}, new Date()))[0]!.id;
  for (const role of ['editor', 'tip-handler', 'auditor', 'admin']) {
    const name = role.replace('-', '');
    const password = await createReadyAccount(bot.dataDir, name, role);
    clients[role] = new ConsoleClient(bot.url);
    await clients[role].login(name, password);
  }
});
afterAll(async () => {
  await bot.close();
});

/** GET a page (status), or POST a form with the session's own CSRF token (status). */
async function attempt(
  role: string,
  method: 'GET' | 'POST',
  path: string,
  fields: Record<string, string> = {},
): Promise<number> {
  const c = clients[role]!;
  if (method === 'GET') return (await c.get(path)).status;
  await c.get('/staff/');
  return (await c.post(path, fields)).status;
}

const publication = { title: 'ข่าวทดสอบสิทธิ์', body: 'เนื้อหา', topic: 'news' };

describe('staff console: every page and action checks the role', () => {
  it.each([
    ['editor', 'GET', '/staff/tips', 403],
    ['editor', 'GET', '/staff/tips/TIP', 403],
    ['editor', 'POST', '/staff/tips/TIP/status', 403],
    ['editor', 'GET', '/staff/accounts', 403],
    ['editor', 'POST', '/staff/accounts/auditor/role', 403],
    ['editor', 'GET', '/staff/audit', 403],
    ['editor', 'GET', '/staff/publications/new', 200],
    ['editor', 'GET', '/staff/report', 200],
    ['auditor', 'GET', '/staff/publications', 200],
    ['auditor', 'GET', '/staff/publications/new', 403],
    ['auditor', 'POST', '/staff/publications', 403],
    ['auditor', 'POST', '/staff/questions/synonym', 403],
    ['auditor', 'GET', '/staff/audit', 200],
    ['auditor', 'GET', '/staff/tips/TIP', 403],
    ['auditor', 'GET', '/staff/tips/TIP/attachments/x', 403],
    ['tiphandler', 'GET', '/staff/tips/TIP', 200],
    ['tiphandler', 'GET', '/staff/publications', 403],
    ['tiphandler', 'GET', '/staff/questions', 403],
    ['tiphandler', 'GET', '/staff/audit', 403],
    ['tiphandler', 'POST', '/staff/accounts', 403],
    ['admin', 'GET', '/staff/accounts', 200],
    ['admin', 'GET', '/staff/tips', 403],
    ['admin', 'POST', '/staff/publications', 403],
  ] as const)('when %s does %s %s, then %i', async (who, method, rawPath, expected) => {
    const role = who === 'tiphandler' ? 'tip-handler' : who;
    const path = rawPath.replace('TIP', tipId);
    expect(
      await attempt(
        role,
        method,
        path,
        path === '/staff/publications'
          ? publication
          : { role: 'admin', name: 'x1', status: 'closed', outcome: 'x', term: 'ab', same: 'cd' },
      ),
    ).toBe(expected);
  });

  it('when an admin opens the compose page, then the refusal says why and whose work it is', async () => {
    const res = await clients.admin!.get('/staff/publications/new');
    expect(res.status).toBe(403);
    const text = (await res.text()).replace(/<[^>]+>/g, ' ');
    expect(text).toContain('บัญชีบทบาท ผู้ดูแลระบบ เขียนและเผยแพร่ข่าวสารไม่ได้');
    expect(text).toContain('งานนี้เป็นของบทบาท ผู้เผยแพร่ข่าวสาร');
    expect(text).toContain('ผู้ดูแลระบบสร้างบัญชีบทบาทนี้ได้ที่หน้าบัญชีผู้ใช้');
  });

  it('when a tip handler opens the questions page, then the refusal names the roles that may', async () => {
    const text = (await (await clients['tip-handler']!.get('/staff/questions')).text()).replace(/<[^>]+>/g, ' ');
    expect(text).toContain('บัญชีบทบาท ผู้รับเรื่องเบาะแส ดูคำถามของประชาชนไม่ได้');
    expect(text).toContain('ผู้เผยแพร่ข่าวสาร หรือ ผู้ตรวจสอบ หรือ ผู้ดูแลระบบ');
    expect(text).toContain('ติดต่อผู้ดูแลระบบ');
  });

  it('when the refused posts are looked at, then nothing changed: no publication, no account change, the tip still open', async () => {
    expect(bot.runtime.publishing.list()).toEqual([]);
    expect((await bot.runtime.tips.desk.list({}, new Date()))[0]!.status).toBe('received');
    expect(bot.runtime.audit.list().filter((e) => e.action === 'access.denied').length).toBeGreaterThanOrEqual(17);
  });

  it("when one account's cookie is sent with another session's CSRF token, then the action is refused", async () => {
    const admin = clients.admin!;
    await admin.get('/staff/accounts');
    const editor = clients.editor!;
    const res = await fetch(`${bot.url}/staff/accounts`, {
      method: 'POST',
      headers: { cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: admin.csrf, name: 'mallory', role: 'admin' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(bot.runtime.audit.list().some((e) => e.action === 'account.create')).toBe(false);
  });

  it('when an admin changes an editor to auditor, then the editor session ends at once', async () => {
    const admin = clients.admin!;
    await admin.get('/staff/accounts');
    expect((await admin.post('/staff/accounts/editor/role', { role: 'auditor' })).status).toBe(200);
    expect((await clients.editor!.get('/staff/')).headers.get('location')).toBe('/staff/login');
  });

  it('when the stats API is asked for the quarter, then the console report figures come with the old fields', async () => {
    await bot.send(textEvent(userId(1), 'ITA ได้กี่คะแนน'));
    const body = (await (await bot.staff('GET', '/stats')).json()) as Record<string, any>;
    expect(body).toMatchObject({
      subscribers: 1,
      questions: 1,
      unanswered: 0,
      tips: { open: 1, overdue: 0 },
      publications: 0,
    });
    expect(body.report.tips).toMatchObject({ received: '<5', open: '<5' });
    expect(body.report.friends).toMatchObject({ following: 1, friendsGained: 1 });
    expect(body.report.subscribers.byTopic.news).toBe(1);
  });
});
