import type { messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { postbackEvent, textEvent, userId } from '../helpers/events.js';
import { firstText, importPreviousYear } from '../helpers/fact-questions.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Fact answers in a conversation: follow-ups, their 10 minutes, the tip flow beside them, the log, two years' buttons. */
describe('answers in a conversation', () => {
  let bot: TestBot;
  let now = new Date('2026-03-02T03:00:00Z');

  beforeAll(async () => {
    const dataDir = await tempDir('answers-talk-');
    await importPreviousYear(dataDir);
    bot = await startBot({ dataDir, clock: () => now });
  });
  afterAll(() => bot.close());

  function lastReply(): messagingApi.Message[] {
    return (bot.line.replies().at(-1)?.body as { messages: messagingApi.Message[] }).messages;
  }
  async function say(user: string, text: string): Promise<string> {
    await bot.send(textEvent(user, text));
    return firstText(lastReply()[0]);
  }
  const minutes = (n: number) => (now = new Date(now.getTime() + n * 60_000));

  it('when a follow-up comes within 10 minutes, then it is about the previous item; after 10 minutes it is a new question', async () => {
    const user = userId(701);
    expect(await say(user, "มาตรการ Do & Don't ปี 2567")).toMatch(/มาตรการ/);
    minutes(9);
    expect(await say(user, 'แล้วงบประมาณล่ะ')).toMatch(/^งบประมาณ มาตรการที่ 1 ปีงบประมาณ พ.ศ. 2567: ๕,๐๐๐ บาท/);
    minutes(11);
    expect(await say(user, 'แล้วงบประมาณล่ะ')).toMatch(/^งบประมาณแต่ละมาตรการ/);
  });

  it("when another resident asks the same follow-up, then the first one's context is not theirs", async () => {
    await say(userId(702), 'คะแนน ITA ปี 2567');
    expect(await say(userId(703), 'ปีนั้นใครลงนามประกาศ')).toMatch(/นายอุดม วงบุตดา/);
    expect(await say(userId(702), 'ปีนั้นใครลงนามประกาศ')).toMatch(/นายสมศักดิ์ ทดสอบ/);
  });

  it('when a resident asks where to complain about the mayor, then the channels come with a tip button and the next message is not taken as a tip', async () => {
    const user = userId(704);
    expect(await say(user, 'ร้องเรียนนายกได้ที่ไหน')).toMatch(/ป\.ป\.ช\. สายด่วน 1205/);
    expect(JSON.stringify(lastReply()[0])).toContain('"text":"แจ้งเบาะแส"');
    expect(await say(user, 'ถนนหน้าบ้านพังแจ้งที่ไหน')).toMatch(/Traffy Fondue/);
    expect(bot.runtime.tips.stats(new Date(0), now)).toMatchObject({ open: 0 });
  });

  it('when a tip is started and cancelled between a question and its follow-up, then both keep working', async () => {
    const user = userId(705);
    await say(user, 'มาตรการเผยแพร่ข้อมูลต่อสาธารณะ');
    const tipStart = await say(user, 'แจ้งเบาะแส');
    expect(tipStart).not.toMatch(/ไม่พบคำตอบ|มาตรการ/);
    await say(user, 'ยกเลิก');
    expect(await say(user, 'ใครรับผิดชอบ')).toMatch(/^ผู้รับผิดชอบ มาตรการที่ 3: ทุกส่วนราชการ/);
  });

  it('when a fact is answered, then the question is logged with its own id and event, and the 👍/👎 buttons carry that id', async () => {
    const event = textEvent(userId(706), 'ใครลงนามในประกาศ');
    await bot.send(event);
    const record = (await bot.runtime.questions.all()).at(-1)!;
    expect(record).toMatchObject({
      intent: 'search',
      event: event.webhookEventId,
      match: expect.stringContaining(':announcement:'),
      kind: 'announcement',
    });
    expect(JSON.stringify(lastReply()[0])).toContain(`a=fb&q=${record.id}&v=1`);
    expect(JSON.stringify(record)).not.toContain(userId(706));
  });

  it('when an announcement is published, then it is the newest announcement, and when it was published is answered from it', async () => {
    const res = await bot.staff('POST', '/publications', {
      title: 'ประกาศรับสมัครพนักงานจ้างทั่วไป',
      body: 'เทศบาลรับสมัครพนักงานจ้างทั่วไป 2 อัตรา ยื่นใบสมัครได้ที่สำนักปลัด',
      topic: 'announcement',
    });
    expect(res.status).toBe(201);
    await bot.settle();
    expect(await say(userId(710), 'ประกาศล่าสุด')).toBe('ประกาศล่าสุด: ประกาศรับสมัครพนักงานจ้างทั่วไป');
    expect(await say(userId(711), 'ประกาศรับสมัครพนักงานจ้างทั่วไปออกเมื่อไร')).toBe('เผยแพร่เมื่อ: 2 มีนาคม พ.ศ. 2569');
    expect(await say(userId(712), 'ข่าวล่าสุด')).not.toMatch(/^ประกาศล่าสุด/);
  });

  it("when an older year's ITA answer is opened, then that year's result shows; a stale id is an expired button", async () => {
    const user = userId(709);
    expect(await say(user, 'คะแนน ITA ปี 2567')).toMatch(/88\.50/);
    const data = /"data":"(a=ita&id=[^"]+)"/.exec(JSON.stringify(lastReply()[0]))?.[1];
    await bot.send(postbackEvent(user, data!));
    expect(JSON.stringify(lastReply())).toContain('88.50');
    await bot.send(postbackEvent(user, 'a=ita&id=doc-gone-ita'));
    expect(JSON.stringify(lastReply())).not.toContain('88.50');
  });

  it("when the announcement is opened, then its card names the town as the ITA report does, and its text keeps the heading's spelling", async () => {
    await bot.send(postbackEvent(userId(708), 'a=announcement'));
    const shown = JSON.stringify(lastReply());
    expect(shown).toContain('"text":"ประกาศเทศบาลตำบลโพนทราย"');
    expect(shown).not.toContain('"text":"ประกาศเทศบาลตำบลโพธาราย"');
    // The preamble (written with the heading's spelling) follows on the next page, as written.
    await bot.send(postbackEvent(userId(708), 'a=announcement&page=1'));
    expect(JSON.stringify(lastReply())).toContain('เจ้าหน้าที่เทศบาลตำบลโพธาราย');
  });

  it('when two residents ask the same question, then the answer is drawn once and each reply carries its own question id', async () => {
    const ids: string[] = [];
    for (const n of [713, 714]) {
      await say(userId(n), 'ผู้ลงนามในประกาศคือใคร');
      const id = (await bot.runtime.questions.all()).at(-1)!.id!;
      ids.push(id);
      const shown = JSON.stringify(lastReply()[0]);
      expect([...shown.matchAll(/a=fb&q=([a-z0-9]+)/g)].map((m) => m[1])).toEqual([id, id]);
    }
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("when the 2567 answer's button is tapped, then the 2567 measure opens, not the 2568 one with the same place", async () => {
    const user = userId(707);
    await say(user, "ปี 2567 มาตรการ Do & Don't ใช้งบเท่าไหร่");
    const data = /"data":"(a=measure&id=[^"]+)"/.exec(JSON.stringify(lastReply()[0]))?.[1];
    expect(data).toBeDefined();
    await bot.send(postbackEvent(user, data!));
    expect(JSON.stringify(lastReply())).toContain('๕,๐๐๐ บาท');
    bot.expectAllLineCallsValid();
  });
});
