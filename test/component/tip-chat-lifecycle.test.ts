import fs from 'node:fs/promises';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { messageEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';
import { JPEG } from '../helpers/tip-fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fileTipInChat, lastReply, quickLabels, say, storedTips } from '../helpers/tip-chat-helpers.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const USER = userId(41);
const START = new Date('2025-06-02T03:00:00Z');

describe('a tip draft over time', () => {
  it('when the draft is idle for more than 30 minutes, then the next message says it expired, the draft is gone and that message is not logged as a question', async () => {
    let now = START;
    bot = await startBot({ clock: () => now });
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'ร่างที่จะหมดอายุ');
    now = new Date(START.getTime() + 31 * 60_000);
    const reply = await say(bot, USER, 'ข้อความหลังหมดเวลา');
    expect(reply[0]!.text).toContain('หมดเวลา');
    expect(quickLabels(reply)).toContain('แจ้งเบาะแส');
    const questions = await fs.readFile(path.join(bot.dataDir, 'state', 'questions.jsonl'), 'utf8');
    expect(questions).not.toContain('หลังหมดเวลา');
    // The conversation is over: the next message is an ordinary one
    await say(bot, USER, 'ผล ITA');
    expect(JSON.stringify(lastReply(bot))).toContain('ITA');
  });

  it('when an idle draft is swept before the reporter returns, then its content is deleted at once and the next message still says it expired', async () => {
    let now = START;
    bot = await startBot({ clock: () => now });
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'ร่างที่ถูกกวาด');
    now = new Date(START.getTime() + 45 * 60_000);
    await bot.runtime.tips.sweep();
    now = new Date(START.getTime() + 3 * 60 * 60_000);
    expect((await say(bot, USER, 'กลับมาแล้ว'))[0]!.text).toContain('หมดเวลา');
  });

  it('when the bot restarts in the middle of a tip, then the draft survives and the tip can be finished', async () => {
    const dataDir = await tempDir();
    bot = await startBot({ dataDir });
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เรื่องก่อนรีสตาร์ท');
    await say(bot, USER, 'เล่าครบแล้ว');
    bot.expectAllLineCallsValid();
    await bot.close();

    bot = await startBot({ dataDir });
    const when = await say(bot, USER, 'นายก อบต.');
    expect(when.at(-1)!.text).toContain('เมื่อไร');
    for (const answer of ['ข้าม', 'ข้าม', 'ข้าม', 'ไม่ระบุตัวตน']) await say(bot, USER, answer);
    expect(lastReply(bot).at(-1)!.text).toContain('เรื่องก่อนรีสตาร์ท');
    await say(bot, USER, 'ยืนยัน');
    expect(await storedTips(dataDir)).toHaveLength(1);
  });

  it('when a handler fails midway, then the draft is not written: the same step can be answered again', async () => {
    bot = await startBot();
    // A file where the evidence folder should be makes storing an image fail.
    await fs.mkdir(path.join(bot.dataDir, 'tips'), { recursive: true });
    await fs.writeFile(path.join(bot.dataDir, 'tips', 'files'), 'not a folder');
    nock(LINE_BASE)
      .get(/\/v2\/bot\/message\/\d+\/content/)
      .reply(200, JPEG, { 'content-type': 'image/jpeg' });
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เรื่องก่อนรูป');
    await bot.send(messageEvent(USER, { type: 'image', contentProvider: { type: 'line' } }));
    expect(lastReply(bot)[0]!.text).toContain('ขออภัย');
    // Still in the "what" step with the earlier text: "done" moves on to "who"
    expect((await say(bot, USER, 'เล่าครบแล้ว')).at(-1)!.text).toContain('ใครหรือหน่วยงานใด');
  });

  it('when a resident has filed 5 tips today, then a 6th cannot start, and the next day it can', async () => {
    let now = START;
    bot = await startBot({ clock: () => now });
    for (let i = 1; i <= 5; i++) await fileTipInChat(bot, USER, { what: `เรื่องที่ ${i}` });
    const refused = await say(bot, USER, 'แจ้งเบาะแส');
    expect(refused[0]!.text).toContain('ครบ 5 เรื่อง');
    expect(refused[0]!.text).toContain('1205');
    // Another resident is not affected
    expect((await say(bot, userId(42), 'แจ้งเบาะแส')).at(-1)!.text).toContain('เกิดอะไรขึ้น');
    now = new Date(START.getTime() + 24 * 60 * 60_000);
    expect((await say(bot, USER, 'แจ้งเบาะแส')).at(-1)!.text).toContain('เกิดอะไรขึ้น');
    expect(await storedTips(bot.dataDir)).toHaveLength(5);
  });

  it('when the resident blocks the account mid-flow, then the draft is deleted', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เรื่องที่ยังไม่ส่ง');
    await bot.send(unfollowEvent(USER));
    const conversations = await fs.readFile(path.join(bot.dataDir, 'state', 'conversations.jsonl'), 'utf8');
    expect(conversations.trim()).toBe('');
    await bot.send(textEvent(USER, 'สวัสดี'));
  });
});
