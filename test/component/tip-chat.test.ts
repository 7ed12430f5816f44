import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePostback } from '../../src/bot/postback.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { messageEvent, postbackEvent, textEvent, userId } from '../helpers/events.js';
import {
  fileTipInChat,
  lastReply,
  quickLabels,
  receiptIn,
  say,
  shown,
  storedTips,
} from '../helpers/tip-chat-helpers.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const USER = userId(31);

describe('reporting a tip in chat', () => {
  it('when a resident sends แจ้งเบาะแส, then three short lines and a details button come before the first question, and the details say who sees it, how long it is kept, what LINE sees and where city problems go', async () => {
    bot = await startBot();
    const messages = await say(bot, USER, 'แจ้งเบาะแส');
    const intro = JSON.stringify(messages[0]!.contents);
    expect(intro).toContain('เจ้าหน้าที่ที่เทศบาลมอบหมาย');
    expect(intro).toContain('ไม่ระบุตัวตน');
    expect(intro).toContain('เลขรับเรื่อง 16 หลัก');
    expect(intro).not.toContain('LINE เป็นผู้ให้บริการแชต');
    expect(messages.at(-1)!.text).toContain('เกิดอะไรขึ้น');
    expect(quickLabels(messages)).toEqual(['ยกเลิก']);

    await bot.send(postbackEvent(USER, encodePostback({ a: 'tip-info' })));
    const details = JSON.stringify(lastReply(bot)[0]!.contents);
    expect(details).toContain('เข้ารหัส');
    expect(details).toContain('ลบหลัง 365 วัน');
    expect(details).toContain('LINE เป็นผู้ให้บริการแชต');
    expect(details).toContain('Traffy Fondue');
    expect(details).toMatch(/tel:1205[\s\S]*tel:1206[\s\S]*tel:1567/);
  });

  it('when an anonymous tip is told step by step, then each step offers its quick replies and the receipt comes in four groups of four with the outside channels', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    expect(quickLabels(await say(bot, USER, 'เจ้าหน้าที่กองช่างเรียกเงิน 3,000 บาท'))).toEqual(['เล่าครบแล้ว', 'ยกเลิก']);
    await say(bot, USER, 'บอกว่าจะทำให้ใบอนุญาตเร็วขึ้น');
    const who = await say(bot, USER, 'เล่าครบแล้ว');
    expect(who.at(-1)!.text).toContain('ใครหรือหน่วยงานใด');
    expect(quickLabels(who)).toEqual(['ข้าม', 'ยกเลิก']);
    const when = await say(bot, USER, 'กองช่าง');
    expect(quickLabels(when)).toEqual(['เลือกวันเวลา', 'ข้าม', 'ยกเลิก']);
    expect(when.at(-1)!.quickReply!.items[0]!.action).toMatchObject({ type: 'datetimepicker', mode: 'datetime' });
    await bot.send(postbackEvent(USER, encodePostback({ a: 'tip-when' }), { datetime: '2025-03-05T09:30' }));
    expect(quickLabels(lastReply(bot))).toEqual(['ส่งตำแหน่ง', 'ข้าม', 'ยกเลิก']);
    const evidence = await say(bot, USER, 'สำนักงานเทศบาล ชั้น 2');
    expect(quickLabels(evidence)).toEqual(['เลือกรูป', 'ถ่ายรูป', 'ข้าม', 'ยกเลิก']);
    const identity = await say(bot, USER, 'ข้าม');
    expect(quickLabels(identity)).toEqual(['ไม่ระบุตัวตน', 'รับแจ้งความคืบหน้า', 'ยกเลิก']);
    const summary = await say(bot, USER, 'ไม่ระบุตัวตน');
    expect(summary.at(-1)!.text).toContain('เรียกเงิน 3,000 บาท');
    expect(summary.at(-1)!.text).toContain('5 มี.ค. 2568 เวลา 09:30 น.');
    expect(quickLabels(summary)).toEqual(['ยืนยัน', 'ยกเลิก']);

    const done = await say(bot, USER, 'ยืนยัน');
    const receipt = receiptIn(done);
    expect(receipt).toMatch(/^\d{16}$/);
    expect(JSON.stringify(done)).toMatch(/1205[\s\S]*1206[\s\S]*1567/);
    expect(done[0]!.altText).not.toContain(receipt.slice(0, 4));
    expect(bot.runtime.tips).toBeDefined();

    const [record] = await storedTips(bot.dataDir);
    expect(record).toMatchObject({ identity: 'anonymous', channel: 'line', status: 'received' });
    expect(record).not.toHaveProperty('reporter');
    const list = (await (await bot.staff('GET', '/tips')).json()) as { tips: Array<{ id: string }> };
    const tip = (await (await bot.staff('GET', `/tips/${list.tips[0]!.id}`)).json()) as {
      content: Record<string, unknown>;
      notifiesReporter: boolean;
    };
    expect(tip.content).toMatchObject({
      what: 'เจ้าหน้าที่กองช่างเรียกเงิน 3,000 บาท\n\nบอกว่าจะทำให้ใบอนุญาตเร็วขึ้น',
      who: 'กองช่าง',
      when: '5 มี.ค. 2568 เวลา 09:30 น.',
      where: 'สำนักงานเทศบาล ชั้น 2',
    });
    expect(tip.notifiesReporter).toBe(false);
    expect(bot.runtime.dispatcher).toBeDefined();
  });

  it('when the reporter skips every optional step, then the tip is filed with those fields empty; the required step cannot be skipped', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    expect((await say(bot, USER, 'ข้าม')).at(0)!.text).toContain('ข้ามไม่ได้');
    expect((await say(bot, USER, 'เล่าครบแล้ว')).at(0)!.text).toContain('ข้ามไม่ได้');
    const receipt = await fileTipInChat(bot, USER, { what: 'มีการฮั้วประมูลถนน' });
    expect(receipt).toMatch(/^\d{16}$/);
    const list = (await (await bot.staff('GET', '/tips')).json()) as { tips: Array<{ id: string }> };
    const tip = (await (await bot.staff('GET', `/tips/${list.tips[0]!.id}`)).json()) as {
      content: Record<string, unknown>;
    };
    expect(tip.content).toMatchObject({ what: 'มีการฮั้วประมูลถนน', who: null, when: null, where: null });
  });

  it('when the reporter sends ยกเลิก midway, then the draft is deleted, nothing is filed, and the next message is an ordinary question', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'ข้อความที่จะถูกยกเลิก');
    await say(bot, USER, 'เล่าครบแล้ว');
    const cancelled = await say(bot, USER, 'ยกเลิก');
    expect(cancelled[0]!.text).toContain('ยกเลิกแล้ว');
    expect(await storedTips(bot.dataDir).catch(() => [])).toEqual([]);
    const conversations = await fs.readFile(path.join(bot.dataDir, 'state', 'conversations.jsonl'), 'utf8');
    expect(conversations.trim()).toBe('');
    await say(bot, USER, 'ผล ITA');
    expect(shown(bot)).toContain('ITA');
  });

  it('when a step is answered by location, then the place and coordinates become the "where" of the tip', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'มีการเรียกรับเงินใต้โต๊ะ');
    await say(bot, USER, 'เล่าครบแล้ว');
    await say(bot, USER, 'ข้าม');
    await say(bot, USER, 'ข้าม');
    await bot.send(
      messageEvent(USER, {
        type: 'location',
        title: 'ตลาดสด',
        address: 'ต.โพนทราย',
        latitude: 15.9876543,
        longitude: 103.7,
      }),
    );
    expect(lastReply(bot)[0]!.text).toContain('ตำแหน่ง');
    expect(quickLabels(lastReply(bot))).toContain('ข้าม');
    await say(bot, USER, 'ข้าม');
    await say(bot, USER, 'ไม่ระบุตัวตน');
    expect(lastReply(bot).at(-1)!.text).toContain('ตลาดสด ต.โพนทราย (พิกัด 15.98765, 103.70000)');
  });

  it('when text goes past the size cap, then a clear Thai reply says so and what was given before is kept', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'ส่วนแรกของเรื่อง');
    const refused = await say(bot, USER, 'ย'.repeat(200_001));
    expect(refused[0]!.text).toContain('ยาวเกิน 200,000 ตัวอักษร');
    expect(refused[0]!.text).toContain('ยังอยู่ครบ');
    await say(bot, USER, 'เล่าครบแล้ว');
    const who = await say(bot, USER, 'x'.repeat(2001));
    expect(who[0]!.text).toContain('2,000');
    await say(bot, USER, 'ข้าม');
    await say(bot, USER, 'ข้าม');
    await say(bot, USER, 'ข้าม');
    await say(bot, USER, 'ข้าม');
    expect((await say(bot, USER, 'ไม่ระบุตัวตน')).at(-1)!.text).toContain('ส่วนแรกของเรื่อง');
  });

  it('when a menu button is tapped in the middle of the flow, then the bot reminds the step and keeps the draft', async () => {
    bot = await startBot();
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เรื่องสำคัญ');
    await bot.send(postbackEvent(USER, encodePostback({ a: 'ita' })));
    expect(lastReply(bot)[0]!.text).toContain('กำลังแจ้งเบาะแส');
    expect(quickLabels(lastReply(bot))).toEqual(['เล่าครบแล้ว', 'ยกเลิก']);
    await bot.send(textEvent(USER, 'เล่าครบแล้ว'));
    expect(lastReply(bot).at(-1)!.text).toContain('ใครหรือหน่วยงานใด');
  });

  it('when a date picker from an ended flow is tapped, then the bot says the button has expired', async () => {
    bot = await startBot();
    await bot.send(postbackEvent(USER, encodePostback({ a: 'tip-when' }), { datetime: '2025-03-05T09:30' }));
    expect(lastReply(bot)[0]!.text).toContain('จบไปแล้ว');
  });
});
