import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { encodePostback } from '../../src/bot/postback.js';
import { shareBot, startBot, type TestBot } from '../helpers/bot.js';
import { messageEvent, postbackEvent, userId } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';
import { lastReply, quickLabels, receiptIn, say, type Msg } from '../helpers/tip-chat-helpers.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const USER = userId(71);
const PUBLIC = 'https://bot.example.go.th';

/** Every action (button or quick reply) in a reply, flattened. */
function actions(messages: Msg[]): Array<{ type: string; label?: string; uri?: string; data?: string }> {
  const found: Array<{ type: string; label?: string; uri?: string; data?: string }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.action && typeof o.action === 'object') found.push(o.action as never);
      Object.values(o).forEach(walk);
    }
  };
  walk(messages);
  return found;
}

/** The visible texts of a Flex message, in order. */
function texts(message: Msg): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'text' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.contents);
  return out;
}

describe('the tip channel opens short', () => {
  it('when แจ้งเบาะแส is sent, then the card holds three lines, a details button and the web form as a link built from PUBLIC_BASE_URL', async () => {
    bot = await startBot({ env: { PUBLIC_BASE_URL: `${PUBLIC}/` } });
    const messages = await say(bot, USER, 'แจ้งเบาะแส');
    expect(messages).toHaveLength(2);
    const card = texts(messages[0]!);
    expect(card.filter((t) => !/^\d\.$/.test(t))).toHaveLength(5); // the title, three lines, the outside channels
    expect(card.at(-1)).toBe('เรื่องของผู้บริหารเทศบาล แจ้งภายนอกได้ที่: ป.ป.ช. 1205, ป.ป.ท. 1206, ศูนย์ดำรงธรรม 1567');
    for (const line of card.slice(1, -1)) expect(line.length).toBeLessThanOrEqual(70);
    expect(JSON.stringify(messages)).not.toContain('(/tip)');
    const links = actions(messages).filter((a) => a.type === 'uri');
    expect(links).toEqual([{ type: 'uri', label: 'แจ้งทางเว็บแทน', uri: `${PUBLIC}/tip` }]);
    expect(actions(messages).find((a) => a.type === 'postback')).toMatchObject({
      label: 'รายละเอียดและสายด่วน',
      data: encodePostback({ a: 'tip-info' }),
    });
  });

  it('when the details button is pressed during question 1, then the long explanation with call buttons comes and the same question is asked again, the draft kept', async () => {
    bot = await startBot({ env: { PUBLIC_BASE_URL: PUBLIC } });
    await say(bot, USER, 'แจ้งเบาะแส');
    await say(bot, USER, 'เจ้าหน้าที่กองช่างเรียกเงิน 3,000 บาทเพื่อออกใบอนุญาต');
    await bot.send(postbackEvent(USER, encodePostback({ a: 'tip-info' })));
    const reply = lastReply(bot);
    expect(reply[0]!.type).toBe('flex');
    const detail = texts(reply[0]!).join('\n');
    for (const word of ['ป.ป.ช.', 'ป.ป.ท.', 'ศูนย์ดำรงธรรม', 'Traffy Fondue', 'LINE เป็นผู้ให้บริการแชต', 'ลบหลัง 365 วัน'])
      expect(detail).toContain(word);
    const uris = actions(reply)
      .filter((a) => a.type === 'uri')
      .map((a) => a.uri);
    expect(uris).toEqual(['tel:1205', 'tel:1206', 'tel:1567', `${PUBLIC}/tip`]);
    expect(reply.at(-1)!.text).toContain('เล่าต่อได้อีก');
    expect(quickLabels(reply)).toEqual(['เล่าครบแล้ว', 'ยกเลิก']);
    // the story told so far is still there
    expect((await say(bot, USER, 'เล่าครบแล้ว')).at(-1)!.text).toContain('ข้อ 2/5');
  });

  it('when the details button of an old card is pressed outside the flow, then the details come and no draft starts', async () => {
    bot = await startBot();
    await bot.send(postbackEvent(USER, encodePostback({ a: 'tip-info' })));
    const reply = lastReply(bot);
    expect(reply).toHaveLength(1);
    expect(texts(reply[0]!).join('\n')).toContain('1205');
    // demo mode: the form is on the bot's own address
    expect(
      actions(reply)
        .filter((a) => a.type === 'uri')
        .at(-1)!.uri,
    ).toMatch(/^http:\/\/localhost:\d+\/tip$/);
    expect(JSON.stringify(await say(bot, USER, 'ข้าม'))).not.toContain('ข้อ 2/5');
  });

  it('when PUBLIC_BASE_URL is unset in live mode, then no link to the form is sent (and no bare path either)', async () => {
    bot = await startBot({
      env: {
        LINE_CHANNEL_SECRET: 'test-channel-secret-0123456789ab',
        LINE_CHANNEL_ACCESS_TOKEN: 'test-channel-access-token',
      },
    });
    const messages = await say(bot, USER, 'แจ้งเบาะแส');
    expect(actions(messages).filter((a) => a.type === 'uri')).toEqual([]);
    expect(JSON.stringify(messages)).not.toContain('/tip');
  });
});

describe('the steps say back what they took (one bot, a resident of its own per test)', () => {
  // Shadows the file's bot: the file's afterEach leaves this one to shareBot
  let bot!: TestBot;
  shareBot((b) => (bot = b));
  let USER = '';
  let next = 80;
  beforeEach(() => {
    USER = userId((next += 1));
  });

  async function toWhen(b: TestBot) {
    await say(b, USER, 'แจ้งเบาะแส');
    await say(b, USER, 'มีการรับสินบนในการตรวจรับงานก่อสร้าง');
    await say(b, USER, 'เล่าครบแล้ว');
    await say(b, USER, 'ข้าม');
  }

  it('when a date is picked with the picker, then it is echoed in Buddhist-era Bangkok wording before the next question', async () => {
    await toWhen(bot);
    await bot.send(postbackEvent(USER, encodePostback({ a: 'tip-when' }), { datetime: '2025-03-05T09:30' }));
    const reply = lastReply(bot);
    expect(reply[0]!.text).toBe('รับวันเวลาที่เกิดเหตุไว้แล้ว: 5 มี.ค. 2568 เวลา 09:30 น.');
    expect(reply.at(-1)!.text).toContain('ข้อ 4/5');
  });

  it('when a malformed date comes from the picker, then nothing is taken and the question stays', async () => {
    await toWhen(bot);
    await bot.send(postbackEvent(USER, encodePostback({ a: 'tip-when' }), { datetime: '2025-13-05T09:30' }));
    const reply = lastReply(bot);
    expect(JSON.stringify(reply)).not.toContain('รับวันเวลาที่เกิดเหตุไว้แล้ว');
    expect(reply.at(-1)!.text).toContain('ข้อ 3/5');
  });

  it("when two photos are sent at step 5, then each gets one short line with the step's chips, not the step-5 prompt again", async () => {
    await toWhen(bot);
    await say(bot, USER, 'ข้าม');
    expect((await say(bot, USER, 'ข้าม')).at(-1)!.text).toContain('ข้อ 5/5');
    for (const [i, id] of ['910001', '910002'].entries()) {
      nock(LINE_BASE).get(`/v2/bot/message/${id}/content`).reply(200, jpegWithMetadata());
      await bot.send(messageEvent(USER, { id, type: 'image', contentProvider: { type: 'line' } }));
      const reply = lastReply(bot);
      expect(reply).toHaveLength(1);
      expect(reply[0]!.text).toBe(`ได้รับรูปที่ ${i + 1} แล้ว ส่งเพิ่มได้ หรือกด “เสร็จแล้ว”`);
      expect(reply[0]!.text).not.toContain('ข้อ 5/5');
      expect(quickLabels(reply)).toEqual(['เลือกรูป', 'ถ่ายรูป', 'เสร็จแล้ว', 'ยกเลิก']);
    }
  });

  it('when the tip is confirmed, then the card says ได้รับเรื่องแล้ว once, the number sits on one line that never wraps, and the number comes again alone as text', async () => {
    await toWhen(bot);
    for (const word of ['ข้าม', 'ข้าม', 'ข้าม', 'ไม่ระบุตัวตน']) await say(bot, USER, word);
    const done = await say(bot, USER, 'ยืนยัน');
    const receipt = receiptIn(done);
    const shownNumber = receipt.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(done.at(-1)!.text).toBe(shownNumber);
    const card = JSON.stringify(done[0]!.contents);
    expect(card.split('ได้รับเรื่องแล้ว')).toHaveLength(2);
    const numberNode = JSON.parse(card, (_k, v: unknown) => v) as unknown;
    const found: Array<Record<string, unknown>> = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        if ((n as Record<string, unknown>).text === shownNumber) found.push(n as Record<string, unknown>);
        Object.values(n).forEach(walk);
      }
    };
    walk(numberNode);
    expect(found).toEqual([expect.objectContaining({ wrap: false, adjustMode: 'shrink-to-fit' })]);
  });
});
