import fs from 'node:fs/promises';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveKeys } from '../../src/crypto/keys.js';
import { openSealedText } from '../../src/crypto/sealed.js';
import { toThaiDigits } from '../../src/thai/digits.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { messageEvent, userId } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';
import { fileTipInChat, filesContaining, quickLabels, say, storedTips } from '../helpers/tip-chat-helpers.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const USER = userId(61);
const TIPS_KEY = deriveKeys(Buffer.alloc(32, 7)).tips;
const pushes = (b: TestBot) => b.line.calls.filter((c) => c.path === '/v2/bot/message/push');
const tipIds = async (b: TestBot) =>
  ((await (await b.staff('GET', '/tips')).json()) as { tips: Array<{ id: string }> }).tips.map((t) => t.id);

describe('following up a tip with its receipt', () => {
  it('when the receipt is sent with spaces, dashes or Thai digits, then the status shows; a wrong receipt and an unknown one get the same answer', async () => {
    bot = await startBot();
    const receipt = await fileTipInChat(bot, USER, { what: 'เรื่องที่จะติดตาม' });
    const grouped = receipt.replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const asked of [
      `สถานะ ${grouped}`,
      `สถานะ ${receipt.replace(/(\d{4})(?=\d)/g, '$1-')}`,
      `สถานะ ${toThaiDigits(grouped)}`,
      grouped,
    ]) {
      const reply = await say(bot, USER, asked);
      expect(reply[0]!.altText).toBe('สถานะเรื่องที่แจ้ง: รับเรื่อง');
      expect(JSON.stringify(reply)).toContain('รับเรื่องเมื่อ');
      await say(bot, USER, 'ยกเลิก');
    }
    const wrong = receipt.slice(0, 15) + String((Number(receipt[15]) + 1) % 10);
    const wrongReply = (await say(bot, USER, `สถานะ ${wrong}`))[0]!.text;
    await say(bot, USER, 'ยกเลิก');
    const unknownReply = (await say(bot, USER, 'สถานะ 0000 0000 0000 0000'))[0]!.text;
    expect(wrongReply).toBe(unknownReply);
    expect(wrongReply).toContain('ไม่พบ');
  });

  it('when สถานะ comes without a receipt, then the bot asks for it and takes the next message as the receipt, not as a question', async () => {
    bot = await startBot();
    const receipt = await fileTipInChat(bot, USER, { what: 'เรื่องที่จะถามสถานะ' });
    expect((await say(bot, USER, 'สถานะ'))[0]!.text).toContain('16 หลัก');
    expect((await say(bot, USER, `เลขนี้ครับ ${receipt}`))[0]!.altText).toContain('สถานะเรื่องที่แจ้ง');
    await say(bot, USER, 'ยกเลิก');
    expect((await say(bot, USER, 'สถานะ'))[0]!.text).toContain('16 หลัก');
    expect((await say(bot, USER, '1234 5678'))[0]!.text).toContain('16 หลัก');
    expect(await fs.readFile(path.join(bot.dataDir, 'state', 'questions.jsonl'), 'utf8')).not.toMatch(/\d{8}/);
  });

  it('when lookups come too often from one resident, then they are refused for a while', async () => {
    bot = await startBot();
    for (let i = 0; i < 10; i++) await say(bot, USER, `สถานะ ${String(i).repeat(16)}`);
    expect((await say(bot, USER, 'สถานะ 1111 2222 3333 4444'))[0]!.text).toContain('บ่อยเกินไป');
    expect((await say(bot, userId(62), 'สถานะ 1111 2222 3333 4444'))[0]!.text).toContain('ไม่พบ');
  });

  it('when the reporter adds information with the receipt, then staff see it with its date and the new image', async () => {
    bot = await startBot();
    const receipt = await fileTipInChat(bot, USER, { what: 'เรื่องเดิม' });
    const status = await say(bot, USER, `สถานะ ${receipt}`);
    expect(quickLabels(status)[0]).toBe('เพิ่มข้อมูล');
    await say(bot, USER, 'เพิ่มข้อมูล');
    await say(bot, USER, 'ข้อมูลเพิ่มเติม: มีพยานอีกสองคน');
    nock(LINE_BASE).get('/v2/bot/message/910001/content').reply(200, jpegWithMetadata());
    await bot.send(messageEvent(USER, { id: '910001', type: 'image', contentProvider: { type: 'line' } }));
    expect((await say(bot, USER, 'ยืนยัน'))[0]!.text).toContain('เพิ่มข้อมูลในเรื่องของท่านแล้ว');
    const [id] = await tipIds(bot);
    const tip = (await (await bot.staff('GET', `/tips/${id}`)).json()) as {
      content: { additions: Array<{ text: string }> };
      attachmentCount: number;
    };
    expect(tip.content.additions.map((a) => a.text)).toEqual(['ข้อมูลเพิ่มเติม: มีพยานอีกสองคน']);
    expect(tip.attachmentCount).toBe(1);
  });
});

describe('progress notices', () => {
  it('when staff change the status of a tip whose reporter opted in, then a content-free push goes out with a UUID retry key; an anonymous tip gets none', async () => {
    bot = await startBot();
    await fileTipInChat(bot, USER, { what: 'เรื่องแบบรับแจ้งความคืบหน้า', identity: 'confidential' });
    await fileTipInChat(bot, userId(63), { what: 'เรื่องแบบไม่ระบุตัวตน' });
    const records = await storedTips(bot.dataDir);
    const confidential = records.find((r) => r.identity === 'confidential')!;
    const anonymous = records.find((r) => r.identity === 'anonymous')!;
    expect(openSealedText(TIPS_KEY, confidential.reporter as string)).toBe(USER);
    expect(anonymous).not.toHaveProperty('reporter');

    const res = await bot.staff('PATCH', `/tips/${anonymous.id}`, { status: 'assessing', publicNote: 'รับไว้พิจารณาแล้ว' });
    expect(((await res.json()) as { notified: string }).notified).toBe('none');
    expect(pushes(bot)).toEqual([]);

    const changed = await bot.staff('PATCH', `/tips/${confidential.id}`, { status: 'investigating' });
    expect(((await changed.json()) as { notified: string }).notified).toBe('sent');
    const [push] = pushes(bot);
    expect(push!.headers['x-line-retry-key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(push!.body.to).toBe(USER);
    const text = (push!.body.messages as Array<{ text: string }>)[0]!.text;
    expect(text.startsWith('มีความคืบหน้าเรื่องที่คุณแจ้ง')).toBe(true);
    expect(text).not.toContain('กำลังตรวจสอบ');

    // A public note without a status change is not a status change: no push
    await bot.staff('PATCH', `/tips/${confidential.id}`, { status: 'investigating', publicNote: 'ยังตรวจสอบอยู่' });
    expect(pushes(bot)).toHaveLength(1);
  });

  it('when LINE fails with 500 then accepts, then the retry carries the same retry key', async () => {
    let calls = 0;
    bot = await startBot({
      respond: (call) => (call.path === '/v2/bot/message/push' && ++calls === 1 ? [500] : [200]),
    });
    await fileTipInChat(bot, USER, { what: 'เรื่องทดสอบการส่งซ้ำ', identity: 'confidential' });
    const [id] = await tipIds(bot);
    const res = await bot.staff('PATCH', `/tips/${id}`, { status: 'assessing' });
    expect(((await res.json()) as { notified: string }).notified).toBe('sent');
    const [first, second] = pushes(bot);
    expect(second!.headers['x-line-retry-key']).toBe(first!.headers['x-line-retry-key']);
  });
});

describe('protection at rest', () => {
  it('when tips are filed with a known phrase, then no file under DATA_DIR holds the phrase or the reporter user id in clear, and no log line does', async () => {
    bot = await startBot();
    const phrase = 'รองปลัดรับเงินสดหนึ่งหมื่นบาทหลังเลิกงาน';
    await fileTipInChat(bot, USER, {
      what: phrase,
      who: 'คนชื่อสมปอง',
      where: 'หลังตลาดโพนทราย',
      identity: 'confidential',
    });
    await fileTipInChat(bot, userId(64), { what: `${phrase} (anonymous)` });
    const needles = [phrase, 'สมปอง', 'หลังตลาดโพนทราย', USER, userId(64)];
    expect(await filesContaining(bot.dataDir, needles)).toEqual([]);
    expect(JSON.stringify(bot.logs)).not.toMatch(new RegExp(needles.join('|')));
    const records = await storedTips(bot.dataDir);
    expect(records.filter((r) => r.identity === 'anonymous')).toHaveLength(1);
    expect(JSON.stringify(records.find((r) => r.identity === 'anonymous'))).not.toMatch(/reporter|U[0-9a-f]{32}/);
  });
});
