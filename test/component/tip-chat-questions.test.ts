import { afterEach, describe, expect, it } from 'vitest';
import { ASK_LABEL, ASK_SAY } from '../../src/tips/chat/question-check.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { userId } from '../helpers/events.js';
import { quickLabels, receiptIn, say } from '../helpers/tip-chat-helpers.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const USER = userId(51);

/** The content staff would read of the only tip filed. */
async function filedContent(b: TestBot): Promise<Record<string, unknown>> {
  const list = (await (await b.staff('GET', '/tips')).json()) as { tips: Array<{ id: string }> };
  expect(list.tips).toHaveLength(1);
  const tip = (await (await b.staff('GET', `/tips/${list.tips[0]!.id}`)).json()) as {
    content: Record<string, unknown>;
  };
  return tip.content;
}

/** From the who step to the receipt, skipping what is optional. */
async function finish(b: TestBot, from: 'who' | 'when' = 'who'): Promise<void> {
  const steps = from === 'who' ? ['ข้าม', 'ข้าม', 'ข้าม', 'ข้าม', 'ไม่ระบุตัวตน'] : ['ข้าม', 'ข้าม', 'ข้าม', 'ไม่ระบุตัวตน'];
  for (const answer of steps) await say(b, USER, answer);
  expect(receiptIn(await say(b, USER, 'ยืนยัน'))).toMatch(/^\d{16}$/);
}

describe('a question typed inside the tip flow', () => {
  it('when the reporter says it was a question, then the draft pauses, the question is answered, and แจ้งเบาะแสต่อ goes back with the story intact', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เจ้าหน้าที่กองช่างเรียกเงินค่าตรวจแบบ');
    const asked = await say(bot, USER, 'ต้องแจ้งที่ไหน');
    expect(asked.at(-1)!.text).toContain('“ต้องแจ้งที่ไหน”');
    expect(quickLabels(asked)).toEqual([ASK_LABEL.keep, ASK_LABEL.question, 'ยกเลิก']);

    const answered = await say(bot, USER, ASK_LABEL.question);
    expect(answered[0]!.text).toBe(ASK_SAY.paused);
    expect(answered.length).toBeGreaterThan(1);
    // While paused the bot answers as usual
    expect(JSON.stringify(await say(bot, USER, 'ผล ITA'))).toContain('ITA');

    const back = await say(bot, USER, ASK_LABEL.resume);
    expect(back[0]!.text).toBe(ASK_SAY.resumed);
    expect(quickLabels(back)).toEqual(['เล่าครบแล้ว', 'ยกเลิก']);
    await say(bot, USER, 'เล่าครบแล้ว');
    await finish(bot);
    expect((await filedContent(bot)).what).toBe('เจ้าหน้าที่กองช่างเรียกเงินค่าตรวจแบบ');
  });

  it('when a paused reporter goes on telling the story, then the draft resumes with it and the question log keeps none of it', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เจ้าหน้าที่กองช่างเรียกเงินค่าตรวจแบบ');
    await say(bot, USER, 'ต้องแจ้งที่ไหน');
    await say(bot, USER, ASK_LABEL.question);
    const more = 'เขาบอกว่าถ้าไม่จ่ายก็จะไม่ตรวจแบบบ้านให้ภายในเดือนนี้แน่นอน';
    expect((await say(bot, USER, more))[0]!.text).toBe(ASK_SAY.addedOnResume);
    await say(bot, USER, 'เล่าครบแล้ว');
    await finish(bot);
    expect((await filedContent(bot)).what).toBe(`เจ้าหน้าที่กองช่างเรียกเงินค่าตรวจแบบ\n\n${more}`);
    expect(JSON.stringify(bot.runtime.questions.all())).not.toContain('ตรวจแบบ');
  });

  it('when the reporter says it belongs to the tip, then it is kept where it was typed', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'มีคนมาเก็บเงินค่าขยะเพิ่มที่ตลาดสด');
    await say(bot, USER, 'ใช่ที่นี่ไหม?');
    const kept = await say(bot, USER, ASK_LABEL.keep);
    expect(kept[0]!.text).toBe(ASK_SAY.kept);
    await say(bot, USER, 'เล่าครบแล้ว');
    // The who step: a question there, kept, is the answer to who
    await say(bot, USER, 'คนเก็บเงินคือใคร');
    expect((await say(bot, USER, ASK_LABEL.keep)).at(-1)!.text).toContain('เมื่อไร');
    await finish(bot, 'when');
    expect(await filedContent(bot)).toMatchObject({
      what: 'มีคนมาเก็บเงินค่าขยะเพิ่มที่ตลาดสด\n\nใช่ที่นี่ไหม?',
      who: 'คนเก็บเงินคือใคร',
    });
  });

  it('when the reporter ignores the choice and goes on telling, then the held text joins the story and nothing typed is lost', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'มาตรการมีอะไรบ้าง');
    const next = await say(bot, USER, 'คนที่ตลาดเรียกเงินสามร้อยบาท');
    expect(next[0]!.text).toBe(ASK_SAY.kept);
    await say(bot, USER, 'เล่าครบแล้ว');
    await finish(bot);
    expect((await filedContent(bot)).what).toBe('มาตรการมีอะไรบ้าง\n\nคนที่ตลาดเรียกเงินสามร้อยบาท');
  });

  it('when a paused reporter taps แจ้งเบาะแส, or comes back after 30 minutes with a question, then the draft is resumed, or the question answered after saying the draft expired', async () => {
    let now = new Date('2026-06-02T03:00:00Z');
    bot = await startBot({ clock: () => now });
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เรื่องที่ยังเล่าไม่จบเกี่ยวกับใบอนุญาต');
    await say(bot, USER, 'ร้องเรียนนายกได้ที่ไหน');
    const answered = await say(bot, USER, ASK_LABEL.question);
    expect(answered[0]!.text).toBe(ASK_SAY.paused);
    expect(answered.length).toBeGreaterThan(1);
    const resumed = await say(bot, USER, 'แจ้งเบาะแส');
    expect(resumed[0]!.text).toBe(ASK_SAY.resumed);

    await say(bot, USER, 'ต้องแจ้งที่ไหน');
    await say(bot, USER, ASK_LABEL.question);
    now = new Date(now.getTime() + 31 * 60_000);
    const late = await say(bot, USER, 'ผล ITA ปีนี้เท่าไหร่');
    expect(late[0]!.text).toBe(ASK_SAY.expiredAnswering);
    expect(JSON.stringify(late.slice(1))).toContain('ITA');
    const list = (await (await bot.staff('GET', '/tips')).json()) as { tips: unknown[] };
    expect(list.tips).toHaveLength(0);
  });

  it('when a plain question is the first message after the flow starts, then it is not stored as the tip', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    const asked = await say(bot, USER, 'ผล ita ปีนี้ได้กี่คะแนน');
    expect(quickLabels(asked)).toContain(ASK_LABEL.question);
    // A step's command does not decide it: the choice is asked again
    const again = await say(bot, USER, 'เล่าครบแล้ว');
    expect(again.at(-1)!.text).toContain('“ผล ita ปีนี้ได้กี่คะแนน”');
    expect(JSON.stringify((await say(bot, USER, ASK_LABEL.question)).slice(1))).toContain('ITA');
    // Back in the flow the story is still empty: the question was not taken as the tip
    const back = await say(bot, USER, ASK_LABEL.resume);
    expect(back.at(-1)!.text).toContain('เกิดอะไรขึ้น');
    expect(quickLabels(back)).toEqual(['ยกเลิก']);
  });
});
