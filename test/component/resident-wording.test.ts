import { afterEach, describe, expect, it } from 'vitest';
import { encodePostback } from '../../src/bot/postback.js';
import { followEvent, postbackEvent, textEvent, userId } from '../helpers/events.js';
import { lastReply, shown } from '../helpers/publication-chat.js';
import { currentBot, forgetBot, NEWS, publish, started } from '../helpers/publishing-harness.js';

afterEach(async () => {
  const bot = currentBot();
  bot?.expectAllLineCallsValid();
  await bot?.close();
  forgetBot();
});

type Node = Record<string, unknown>;
/** Every object in a reply that matches `pick`, depth first. */
function nodes(value: unknown, pick: (n: Node) => boolean, out: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, pick, out));
  else if (value && typeof value === 'object') {
    if (pick(value as Node)) out.push(value as Node);
    Object.values(value).forEach((v) => nodes(v, pick, out));
  }
  return out;
}
const buttonLabels = (reply: unknown) => nodes(reply, (n) => n.type === 'button').map((b) => (b.action as Node).label);

describe('the ประกาศ/ข่าวล่าสุด tile', () => {
  it('when news has been published, then the official announcement comes first in the same carousel, and every card reads อ่านฉบับเต็ม', async () => {
    const { bot, run } = await started();
    const user = userId(5);
    await bot.send(followEvent(user));
    await publish(bot, NEWS);
    await run();
    await bot.send(textEvent(user, 'ข่าวล่าสุด'));
    const reply = lastReply(bot);
    const carousel = nodes(reply, (n) => n.type === 'carousel')[0]!;
    const cards = carousel.contents as Node[];
    expect(cards).toHaveLength(2);
    expect(JSON.stringify(cards[0])).toContain('มาตรการการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน');
    expect(JSON.stringify(cards[1])).toContain(NEWS.title);
    expect(buttonLabels(cards)).toEqual(['อ่านฉบับเต็ม', 'อ่านฉบับเต็ม']);
    expect(new Set(cards.map((c) => c.size))).toEqual(new Set(['kilo']));

    // the announcement card's button opens the announcement
    const data = String(nodes(cards[0], (n) => n.type === 'postback')[0]!.data);
    expect(data).toBe(encodePostback({ a: 'announcement' }));
    await bot.send(postbackEvent(user, data));
    expect(lastReply(bot)[0]!.altText).toContain('มาตรการการส่งเสริมคุณธรรม');
  });
});

describe('one voice, one colour, chips that fit', () => {
  it('when a resident greets, thanks or sends a sticker, then no reply says ครับ/ค่ะ with a slash', async () => {
    const { bot } = await started();
    const user = userId(6);
    for (const event of [
      textEvent(user, 'สวัสดี'),
      textEvent(user, 'ขอบคุณ'),
      {
        ...textEvent(user, 'x'),
        message: {
          id: 's1',
          type: 'sticker',
          packageId: '1',
          stickerId: '1',
          stickerResourceType: 'STATIC',
          quoteToken: 'q',
        },
      },
    ]) {
      await bot.send(event);
      expect(shown(lastReply(bot))).not.toMatch(/ครับ\s*\/\s*ค่ะ|ค่ะ\s*\/\s*ครับ/);
    }
  });

  it('when the topic settings card is shown with one topic off, then "ไม่ได้รับ" is grey and "รับอยู่" is green', async () => {
    const { bot } = await started();
    const user = userId(7);
    await bot.send(followEvent(user));
    await bot.send(postbackEvent(user, encodePostback({ a: 'topic', id: 'procurement', on: '0' })));
    await bot.send(postbackEvent(user, encodePostback({ a: 'topics' })));
    const states = nodes(lastReply(bot), (n) => n.type === 'text' && /รับอยู่|ไม่ได้รับ$/.test(String(n.text)));
    const colour = (word: string) => new Set(states.filter((s) => String(s.text).includes(word)).map((s) => s.color));
    expect(colour('✅ รับอยู่')).toEqual(new Set(['#0B6E4F']));
    expect(colour('⬜ ไม่ได้รับ')).toEqual(new Set(['#52606D']));
  });

  it('when nothing answers a question, then the suggestion chips are whole words within 20 characters and say the item in full', async () => {
    const { bot } = await started();
    await bot.send(textEvent(userId(8), 'ราคาข้าวเปลือกวันนี้'));
    const reply = lastReply(bot);
    const items = (
      (
        reply.at(-1) as {
          quickReply?: { items: Array<{ action: { label: string; text?: string; displayText?: string } }> };
        }
      ).quickReply?.items ?? []
    ).map((i) => i.action);
    expect(items.length).toBeGreaterThan(3);
    for (const a of items) {
      expect(String(a.label).length).toBeLessThanOrEqual(20);
      expect(String(a.label)).not.toContain('…');
      const full = String(a.text ?? a.displayText);
      expect(full.startsWith(String(a.label))).toBe(true);
    }
    expect(items.some((a) => String(a.text ?? '').length > 20)).toBe(true);
  });
});
