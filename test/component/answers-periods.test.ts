import type { messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { textEvent, userId } from '../helpers/events.js';
import { firstText } from '../helpers/fact-questions.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Publications asked for by when they were published, through the staff API and the bot. */
describe('publications by year and month', () => {
  let bot: TestBot;
  let now = new Date('2026-02-10T03:00:00Z');
  let users = 9300;

  beforeAll(async () => {
    bot = await startBot({ dataDir: await tempDir('answers-periods-'), clock: () => now });
    const publish = async (title: string, topic: string) => {
      const res = await bot.staff('POST', '/publications', { title, body: `${title} รายละเอียด`, topic });
      expect(res.status).toBe(201);
      await bot.settle();
    };
    await publish('ข่าวแข่งเรือประจำปี', 'news');
    await publish('ประกาศรับสมัครพนักงานจ้าง', 'announcement');
    now = new Date('2026-03-02T03:00:00Z');
    await publish('ข่าวตลาดนัดชุมชน', 'news');
  });
  afterAll(() => bot.close());

  async function ask(text: string): Promise<{ first: string; all: string }> {
    await bot.send(textEvent(userId((users += 1)), text));
    const body = bot.line.replies().at(-1)?.body as { messages: messagingApi.Message[] };
    return { first: firstText(body.messages[0]), all: JSON.stringify(body.messages) };
  }

  it('when news of a year is asked, then the count comes first and the items follow, newest first', async () => {
    const { first, all } = await ask('ข่าวปี 2569');
    expect(first).toBe('ข่าวประชาสัมพันธ์ ปี พ.ศ. 2569: 2 รายการ');
    expect(all.indexOf('ข่าวตลาดนัดชุมชน')).toBeLessThan(all.indexOf('ข่าวแข่งเรือประจำปี'));
    expect(all).not.toContain('ประกาศรับสมัครพนักงานจ้าง');
    bot.expectAllLineCallsValid();
  });

  it("when last month's announcements or news are asked, then only that month's show", async () => {
    expect((await ask('ประกาศเดือนที่แล้ว')).first).toBe('ประกาศ เดือนกุมภาพันธ์ พ.ศ. 2569: 1 รายการ');
    const news = await ask('ข่าวเดือนที่แล้ว');
    expect(news.all).toContain('ข่าวแข่งเรือประจำปี');
    expect(news.all).not.toContain('ข่าวตลาดนัดชุมชน');
  });

  it('when a period has nothing published, then the bot says so and invents nothing; a year of the announcement is still the imported one', async () => {
    expect((await ask('ข่าวปี 2568')).first).toBe('ยังไม่มีข่าวประชาสัมพันธ์ที่เผยแพร่ในปี พ.ศ. 2568');
    expect((await ask('ข่าวเดือนธันวาคม')).first).toBe('ยังไม่มีข่าวประชาสัมพันธ์ที่เผยแพร่ในเดือนธันวาคม พ.ศ. 2568');
    expect((await ask('ประกาศปี 2568 ใครลงนาม')).first).toMatch(/นายอุดม วงบุตดา/);
    // The month claimed is the announcement's: yes, then the date.
    expect((await ask('ประกาศลงวันที่ 10 มกราคม ใช่ไหม')).first).toMatch(/^ใช่ ประกาศ ณ วันที่/);
    expect((await ask('ข่าวปี 2569 มีอะไรบ้าง')).first).toBe('ข่าวประชาสัมพันธ์ ปี พ.ศ. 2569: 2 รายการ');
  });
});
