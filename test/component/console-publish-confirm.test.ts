import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, textEvent, userId } from '../helpers/events.js';
import { ConsoleClient, createReadyAccount } from '../helpers/console-client.js';

let bot: TestBot;
let now = new Date('2026-03-20T03:00:00Z');
const editor = new ConsoleClient('');
const admin = new ConsoleClient('');
const STAFF_PHONE = userId(77);
const STRANGER = userId(88);

beforeAll(async () => {
  bot = await startBot({ clock: () => now });
  Object.assign(editor, { baseUrl: bot.url });
  Object.assign(admin, { baseUrl: bot.url });
  await bot.send(followEvent(userId(1)), followEvent(userId(2)), followEvent(userId(3)));
  // userId(3) keeps only the report topic: news goes to two people, an urgent one to all three
  await bot.send(textEvent(userId(3), 'ยกเลิกรับข่าวสาร'));
  await editor.login('somsri', await createReadyAccount(bot.dataDir, 'somsri', 'editor'));
  await admin.login('boonmee', await createReadyAccount(bot.dataDir, 'boonmee', 'admin'));
});
afterAll(async () => {
  bot.expectAllLineCallsValid();
  await bot.close();
});

const calls = (p: string) => bot.line.calls.filter((c) => c.path === p);
const replyTexts = () =>
  calls('/v2/bot/message/reply').map((c) => (c.body.messages as Array<{ text?: string }>)[0]?.text ?? '');
const lastReply = () => replyTexts().at(-1) ?? '';
const news = { topic: 'news', title: 'ประกาศรับสมัครงาน', body: 'รับสมัครพนักงาน 2 ตำแหน่ง' };

describe('publishing from the console: a confirmation before sending', () => {
  it('when an editor presses publish, then the page states the recipients and the topic, and nothing is stored or sent until confirmed', async () => {
    const subscribed = bot.runtime.friends.subscriberRefs('news').length;
    await editor.get('/staff/publications/new');
    const first = await editor.post('/staff/publications', news);
    expect(first.status).toBe(200);
    expect(editor.last).toContain(`ส่งถึง <strong data-figure="recipients">${subscribed}</strong> คน`);
    expect(editor.last).toContain('ข่าวประชาสัมพันธ์');
    expect(editor.last).toContain('ทันทีเมื่อกดยืนยัน');
    expect(bot.runtime.publishing.list()).toHaveLength(0);
    expect(calls('/v2/bot/message/multicast')).toHaveLength(0);

    // Back to the form keeps what was typed
    await editor.post('/staff/publications/edit', news);
    expect(editor.last).toContain('value="ประกาศรับสมัครงาน"');
    expect(bot.runtime.publishing.list()).toHaveLength(0);

    const sent = await editor.post('/staff/publications', { ...news, confirmed: '1' });
    expect(sent.status).toBe(303);
    await bot.runtime.publishing.idle();
    expect(
      calls('/v2/bot/message/multicast')
        .flatMap((c) => c.body.to as string[])
        .sort(),
    ).toEqual([userId(1), userId(2)]);
    const created = bot.runtime.audit.list().find((e) => e.action === 'publication.create')!;
    expect(created.details).toMatchObject({ topic: 'news', recipients: 2 });
  });

  it('when the news is urgent or scheduled, then the confirmation says every friend, or the time, before anything goes', async () => {
    await editor.get('/staff/publications/new');
    await editor.post('/staff/publications', { ...news, title: 'ประกาศด่วน น้ำท่วม', urgent: '1' });
    expect(editor.last).toContain('ส่งถึง <strong data-figure="recipients">3</strong> คน');
    expect(editor.last).toContain('เพื่อนทุกคนของบัญชี LINE');
    await editor.post('/staff/publications', { ...news, publishAt: '2026-03-25T09:00' });
    expect(editor.last).toContain('25 มี.ค. 2569 09:00 น.');
    expect(editor.last).toContain('ยืนยันตั้งเวลาส่งถึง 2 คน');
    expect(bot.runtime.publishing.list()).toHaveLength(1);
  });

  it('when the form is incomplete, then the first click answers what to fix and shows no confirmation', async () => {
    await editor.get('/staff/publications/new');
    const res = await editor.post('/staff/publications', { topic: 'news', title: 'ไม่มีเนื้อหา', body: ' ' });
    expect(res.status).toBe(400);
    expect(editor.last).toContain('เนื้อหา: ยังไม่ได้กรอก');
    expect(editor.last).not.toContain('ส่งถึง <strong');
  });

  it('when an admin opens the news page, then it says why there is no compose button, and the compose page is refused', async () => {
    await admin.get('/staff/publications');
    expect(admin.last).not.toContain('/staff/publications/new');
    expect(admin.last).toContain('เขียนและเผยแพร่ไม่ได้');
    expect(admin.last).toContain('ผู้เผยแพร่ข่าวสาร');
    expect((await admin.get('/staff/publications/new')).status).toBe(403);
  });
});

describe("test-send to the editor's own LINE, linked by a code typed in the chat", () => {
  const codeOf = (page: string) => /data-code="(\d{6})"/.exec(page)?.[1] ?? '';

  it('when nothing is linked yet, then test-send is refused with the way to link, and nothing is pushed', async () => {
    await editor.get('/staff/publications/new');
    expect(editor.last).toContain('href="/staff/line-link"');
    expect(editor.last).not.toContain('name="userId"');
    const res = await editor.post('/staff/publications/test-send', news);
    expect(res.status).toBe(400);
    expect(editor.last).toContain('ยังไม่ได้เชื่อมบัญชี LINE ของคุณ');
    expect(calls('/v2/bot/message/push')).toHaveLength(0);
  });

  it('when the code is wrong, reused, expired or guessed too often, then the bot answers politely in Thai; the right code links once', async () => {
    await editor.get('/staff/line-link');
    await editor.post('/staff/line-link/code');
    const code = codeOf(editor.last);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';

    await bot.send(textEvent(STAFF_PHONE, `เชื่อมบัญชี ${wrong}`));
    expect(lastReply()).toContain('รหัสเชื่อมบัญชีไม่ถูกต้อง');
    // Six digits alone that are no code are a resident's message, answered as usual
    const before = replyTexts().length;
    await bot.send(textEvent(STRANGER, wrong));
    expect(replyTexts()).toHaveLength(before + 1);
    expect(lastReply()).not.toContain('รหัส');

    // Thai digits are the same code
    const thai = code.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
    await bot.send(textEvent(STAFF_PHONE, `เชื่อมบัญชี ${thai}`));
    expect(lastReply()).toBe('เชื่อมบัญชี LINE นี้กับบัญชีเจ้าหน้าที่ “somsri” แล้ว ข่าวที่กด “ส่งทดสอบ” ในระบบเจ้าหน้าที่จะส่งมาที่นี่');
    await bot.send(textEvent(STRANGER, code));
    expect(lastReply()).toContain('รหัสนี้ใช้ไปแล้ว');

    await editor.post('/staff/line-link/code');
    const late = codeOf(editor.last);
    now = new Date(now.getTime() + 11 * 60_000);
    await bot.send(textEvent(STRANGER, `เชื่อมบัญชี ${late}`));
    expect(lastReply()).toContain('รหัสนี้หมดอายุแล้ว');

    for (let i = 0; i < 5; i++) await bot.send(textEvent(STRANGER, `เชื่อมบัญชี ${String(100000 + i)}`));
    await editor.post('/staff/line-link/code');
    await bot.send(textEvent(STRANGER, `เชื่อมบัญชี ${codeOf(editor.last)}`));
    expect(lastReply()).toContain('กรุณารอ 10 นาที');
    // The stranger never got linked: the editor's link still points at the editor's phone
    const actions = bot.runtime.audit
      .list()
      .filter((e) => e.action.startsWith('line-link.'))
      .map((e) => [e.actor, e.action]);
    expect(actions.filter(([, a]) => a === 'line-link.done')).toEqual([['somsri', 'line-link.done']]);
    expect(JSON.stringify(bot.runtime.audit.list())).not.toContain(STAFF_PHONE);
  });

  it('when linked, then test-send pushes to that LINE account only, and the user id is sealed on disk', async () => {
    await editor.get('/staff/publications/new');
    expect(editor.last).toContain('ส่งทดสอบไปที่ LINE ของฉัน');
    const res = await editor.post('/staff/publications/test-send', news);
    expect(res.status).toBe(200);
    expect(editor.last).toContain('ส่งทดสอบแล้ว');
    expect(calls('/v2/bot/message/push').map((c) => c.body.to)).toEqual([STAFF_PHONE]);
    const stateDir = path.join(bot.dataDir, 'state');
    for (const file of fs.readdirSync(stateDir)) {
      if (fs.statSync(path.join(stateDir, file)).isFile())
        expect(fs.readFileSync(path.join(stateDir, file), 'utf8')).not.toContain(STAFF_PHONE);
    }
    await editor.post('/staff/line-link/remove');
    expect(editor.last).toContain('ยกเลิกการเชื่อมบัญชี LINE แล้ว');
    expect((await editor.post('/staff/publications/test-send', news)).status).toBe(400);
  });
});
