import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAY } from '../../src/handlers/replies.js';
import { FEEDBACK_SAY } from '../../src/feedback/feedback-feature.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { postbackEvent, textEvent, userId } from '../helpers/events.js';
import { ConsoleClient, createReadyAccount } from '../helpers/console-client.js';
import { asked, seedQuestions } from '../helpers/console-seed.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const lastReplyText = (b: TestBot) =>
  (b.line.replies().at(-1)?.body as { messages: { text?: string }[] }).messages.map((m) => m.text ?? '').join('\n');
const questionsFile = (b: TestBot) => fs.readFileSync(path.join(b.dataDir, 'state', 'questions.jsonl'), 'utf8');

async function staff(b: TestBot, role: 'editor' | 'auditor'): Promise<ConsoleClient> {
  const password = await createReadyAccount(b.dataDir, `${role}1`, role);
  const c = new ConsoleClient(b.url);
  await c.login(`${role}1`, password);
  return c;
}

describe('👍/👎 on answers', () => {
  it('when a resident presses 👎 and then 👍, then the question keeps the last vote, thanked each time, with no user id stored', async () => {
    bot = await startBot();
    await bot.send(textEvent(userId(4), 'ผู้ลงนามประกาศชื่ออะไร'));
    const { id } = (await bot.runtime.questions.all()).at(-1)!;
    // The answer carries the 👎 button for this very question
    const button = /a=fb&q=([a-z2-7]{12})&v=0/.exec(JSON.stringify(bot.line.replies().at(-1)!.body));
    expect(button?.[1]).toBe(id);
    await bot.send(postbackEvent(userId(4), button![0]));
    expect((await bot.runtime.questions.get(id!))?.vote).toBe('down');
    expect(lastReplyText(bot)).toBe(FEEDBACK_SAY.notHelpful);
    await bot.send(postbackEvent(userId(4), `a=fb&q=${id}&v=1`));
    expect((await bot.runtime.questions.get(id!))?.vote).toBe('up');
    expect(lastReplyText(bot)).toBe(FEEDBACK_SAY.helpful);
    expect(await bot.runtime.questions.all()).toHaveLength(1);
    expect(JSON.stringify(await bot.runtime.questions.all())).not.toContain(userId(4));
  });

  it('when a vote is forged or refers to a question no longer kept, then the answer is polite and nothing is stored', async () => {
    bot = await startBot();
    await bot.send(textEvent(userId(5), 'ผล ita ปีนี้'));
    await bot.send(postbackEvent(userId(5), 'a=fb&q=../../etc&v=0'));
    expect(lastReplyText(bot)).toBe(SAY.expiredButton);
    await bot.send(postbackEvent(userId(5), 'a=fb&q=zzzzzzzzzzzz&v=0'));
    expect(lastReplyText(bot)).toBe(FEEDBACK_SAY.unknown);
    expect((await bot.runtime.questions.all()).map((q) => q.vote)).toEqual([undefined]);
  });

  it('when the same webhook is delivered twice, then the question is counted once', async () => {
    bot = await startBot();
    const event = textEvent(userId(6), 'ผล ita ปีนี้');
    await bot.send(event);
    await bot.send(event);
    expect(await bot.runtime.questions.all()).toHaveLength(1);
  });
});

describe('staff console: unhelpful answers and dismissing', () => {
  it('when answers are marked 👎, then the questions page lists them grouped, and an editor dismisses the group (audited, no text in the trail)', async () => {
    bot = await startBot();
    for (const user of [1, 2]) {
      await bot.send(textEvent(userId(user), 'ใบเสร็จค่าน้ำประปา ita'));
      await bot.send(postbackEvent(userId(user), `a=fb&q=${(await bot.runtime.questions.all()).at(-1)!.id}&v=0`));
    }
    const text = (await bot.runtime.questions.all()).at(-1)!.text!;
    const c = await staff(bot, 'editor');
    await c.get('/staff/questions?period=all');
    const unhelpful = c.last.slice(c.last.indexOf('ประชาชนกด 👎'));
    expect(unhelpful).toContain(text);
    expect(unhelpful).toMatch(/<td class="n" data-label="ครั้ง">2<\/td>/);

    expect((await c.post('/staff/questions/dismiss', { group: 'ไม่มีกลุ่มนี้' })).status).toBe(404);
    const res = await c.post('/staff/questions/dismiss', { group: text, period: 'all' });
    expect(res.status).toBe(200);
    expect(c.last).toContain('ซ่อนคำถามกลุ่มนี้แล้ว');
    expect(c.last.slice(c.last.indexOf('ประชาชนกด 👎'))).not.toContain(text);
    const entry = bot.runtime.audit.list().at(-1)!;
    expect(entry).toMatchObject({ actor: 'editor1', action: 'question.dismiss', details: { questions: 2 } });
    expect(entry.target).toMatch(/^question-group:[0-9a-f]{12}$/);
    expect(fs.readFileSync(path.join(bot.dataDir, 'state', 'audit.jsonl'), 'utf8')).not.toContain(text);

    // The dismissal lasts across a restart; the same question asked again shows again.
    const dataDir = bot.dataDir;
    await bot.close();
    bot = await startBot({ dataDir });
    expect((await bot.runtime.questions.dismissed()).has(text)).toBe(true);
    const again = await staff(bot, 'auditor');
    await again.get('/staff/questions?period=all');
    expect(again.last).not.toContain(`<td class="question-text" data-label="คำถาม">${text}</td>`);
    expect((await again.post('/staff/questions/dismiss', { group: text })).status).toBe(403);
  });

  it('when the shipped documents name the town differently from the ITA report, then the questions page lists each place', async () => {
    bot = await startBot();
    const c = await staff(bot, 'auditor');
    await c.get('/staff/questions');
    const section = c.last.slice(c.last.indexOf('ชื่อเทศบาลในเอกสารไม่ตรงกับรายงาน ITA'));
    expect(section).toContain(
      '<td data-label="ตำแหน่ง">หัวประกาศ</td><td data-label="เขียนว่า">เทศบาลตำบลโพธาราย</td><td data-label="ชื่อในรายงาน ITA">เทศบาลตำบลโพนทราย</td>',
    );
    expect(section).toContain('<td data-label="ตำแหน่ง">ข้อความนำของประกาศ</td>');
  });
});

describe('the question log at rest', () => {
  it('when a question and a report worded without trigger words are sent, then the file holds neither text', async () => {
    bot = await startBot();
    await bot.send(textEvent(userId(7), 'มาตรการเผยแพร่ข้อมูลต่อสาธารณะ'));
    await bot.send(textEvent(userId(8), 'เจ้าหน้าที่กองคลังขอเงินพิเศษห้าร้อยบาทก่อนออกใบอนุญาต'));
    const file = questionsFile(bot);
    for (const words of ['เผยแพร่', 'กองคลัง', 'ห้าร้อย', userId(7)]) expect(file).not.toContain(words);
    expect((await bot.runtime.questions.all()).some((q) => q.text?.includes('กองคลัง'))).toBe(false);
  });

  it('when the bot starts on an older plain log with a record past the retention, then the file is sealed and the old record dropped', async () => {
    const clock = () => new Date('2026-12-06T03:00:00Z');
    bot = await startBot({ clock });
    const dataDir = bot.dataDir;
    await bot.close();
    seedQuestions(dataDir, [
      asked('2025-11-01T03:00:00Z', 'คำถามเก่าเกินปี', null),
      asked('2026-11-01T03:00:00Z', 'คำถามเดือนก่อน', null),
    ]);
    bot = await startBot({ dataDir, clock });
    expect((await bot.runtime.questions.all()).map((q) => q.text)).toEqual(['คำถามเดือนก่อน']);
    expect(questionsFile(bot)).not.toContain('คำถาม');
  });
});
