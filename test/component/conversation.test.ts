import { afterEach, describe, expect, it } from 'vitest';
import { encodePostback } from '../../src/bot/postback.js';
import { shareBot, startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, messageEvent, postbackEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

type Msg = {
  type: string;
  altText?: string;
  text?: string;
  contents?: { type: string; contents?: unknown[] };
  quickReply?: { items: Array<{ action: { label: string; text?: string } }> };
};

function lastReply(b: TestBot): Msg[] {
  const replies = b.line.replies();
  expect(replies.length).toBeGreaterThan(0);
  return replies.at(-1)!.body.messages as Msg[];
}

/** Everything a reply shows, flattened to one string, to assert on what the resident reads. */
function shown(messages: Msg[]): string {
  return JSON.stringify(messages);
}

describe('following the account', () => {
  // Shadows the file's bot: the file's afterEach leaves this one to shareBot
  let bot!: TestBot;
  shareBot((b) => (bot = b));

  it('when a resident follows, then a welcome Flex comes with quick replies and the friend is recorded with every topic', async () => {
    const user = userId(1);
    await bot.send(followEvent(user));
    const messages = lastReply(bot);
    expect(messages[0]!.type).toBe('flex');
    expect(messages[0]!.altText).toContain('ยินดีต้อนรับ');
    expect(messages.at(-1)!.quickReply!.items.length).toBeGreaterThan(2);
    expect(shown(messages)).toContain('ยกเลิกรับข่าวสาร');
    const friend = bot.runtime.friends.get(user);
    expect(friend?.status).toBe('following');
    expect(friend?.topics).toEqual(['news', 'announcement', 'procurement', 'measure', 'report']);
  });

  it('when a friend blocks, then nothing is sent and the block is recorded; a re-follow keeps the first follow date', async () => {
    const user = userId(2);
    await bot.send(followEvent(user));
    const first = bot.runtime.friends.get(user)!.firstFollowedAt;
    await bot.send(unfollowEvent(user));
    expect(bot.line.replies()).toHaveLength(1);
    expect(bot.runtime.friends.get(user)?.status).toBe('blocked');
    await bot.send(followEvent(user));
    expect(bot.runtime.friends.get(user)).toMatchObject({ status: 'following', firstFollowedAt: first });
  });
});

describe('browsing the menu', () => {
  // Shadows the file's bot: the file's afterEach leaves this one to shareBot
  let bot!: TestBot;
  shareBot((b) => (bot = b));

  it('when the resident types เมนู, then the help menu comes', async () => {
    await bot.send(textEvent(userId(1), 'เมนู'));
    expect(lastReply(bot)[0]!.altText).toContain('วิธีใช้');
  });

  it('when the ITA button is tapped, then the result shows the agency, year and score', async () => {
    await bot.send(postbackEvent(userId(1), encodePostback({ a: 'ita' })));
    const text = shown(lastReply(bot));
    expect(text).toContain('93.05');
    expect(text).toContain('2568');
    expect(text).toContain('โพนทราย');
  });

  it('when the measures button is tapped, then a carousel has one card per measure', async () => {
    await bot.send(postbackEvent(userId(1), encodePostback({ a: 'measures' })));
    const carousel = lastReply(bot).find((m) => m.type === 'flex');
    expect(carousel!.contents!.type).toBe('carousel');
    expect(carousel!.contents!.contents).toHaveLength(bot.runtime.library.measures().length);
    expect(shown(lastReply(bot))).toContain('มาตรการตรวจสอบการใช้ดุลพินิจ');
  });

  it('when a measure is opened in full, then its columns are shown, with the official wording', async () => {
    const measure = bot.runtime.library.measures()[0]!;
    await bot.send(postbackEvent(userId(1), encodePostback({ a: 'measure', id: measure.id })));
    const text = shown(lastReply(bot));
    expect(text).toContain('ไม่ควรรทำ');
    expect(text).toContain('ทุกส่วนราชการ');
    expect(text).toContain('ไม่ใช้งบประมาณ');
  });

  it('when the announcement is opened, then its subject, date in พ.ศ. and signer are shown', async () => {
    await bot.send(postbackEvent(userId(1), encodePostback({ a: 'announcement' })));
    const text = shown(lastReply(bot));
    expect(text).toContain('มาตรการการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน');
    expect(text).toContain('2568');
    expect(text).toContain('อุดม วงบุตดา');
  });

  it('when a section of the announcement is opened, then its numbered items are shown', async () => {
    const section = bot.runtime.library.announcement()!.sections[1]!;
    await bot.send(postbackEvent(userId(1), encodePostback({ a: 'section', id: section.id })));
    const text = shown(lastReply(bot));
    expect(text).toContain('งานประชาสัมพันธ์');
    // Numbers as the announcement writes them, in Thai digits.
    expect(text).toContain('๒.๑');
  });

  it('when a button is stale or forged, then the reply says it has expired', async () => {
    await bot.send(postbackEvent(userId(1), 'a=measure&id=doc-gone-m9'));
    await bot.send(postbackEvent(userId(1), 'a=drop-tables'));
    await bot.send(postbackEvent(userId(1), 'x'.repeat(400)));
    const replies = bot.line.replies();
    expect(replies).toHaveLength(3);
    for (const r of replies) expect(JSON.stringify(r.body)).toContain('ปุ่มนี้หมดอายุแล้ว');
  });
});

describe('asking questions', () => {
  describe('on one bot (each test reads only its own answer)', () => {
    // Shadows the file's bot: the file's afterEach leaves this one to shareBot
    let bot!: TestBot;
    shareBot((b) => (bot = b));

    it('when asked about the ITA score, then the ITA result comes first', async () => {
      await bot.send(textEvent(userId(1), 'ITA ได้กี่คะแนนครับ'));
      const [first] = lastReply(bot);
      expect(first!.altText).toContain('93.05');
    });

    it("when asked what officials must not do, then the Do & Don't measure comes first", async () => {
      await bot.send(textEvent(userId(1), 'พนักงานเทศบาลห้ามทำอะไรบ้าง'));
      const [first] = lastReply(bot);
      expect(first!.altText).toMatch(/Do & DON'T|ควรทำ/);
    });

    it('when the question has Thai digits, then it is understood like Arabic ones', async () => {
      await bot.send(textEvent(userId(1), 'ข้อมูลข่าวสารของราชการ มาตรา ๙'));
      const [first] = lastReply(bot);
      expect(first!.altText).toContain('เผยแพร่ข้อมูลต่อสาธารณะ');
    });

    it('when the content cannot answer, then the reply says so honestly with suggestions', async () => {
      await bot.send(textEvent(userId(1), 'ร้านกาแฟแถวนี้มีที่ไหนบ้าง'));
      const messages = lastReply(bot);
      expect(messages[0]!.altText).toContain('ไม่พบคำตอบ');
      expect(shown(messages)).not.toContain('93.05');
      expect(messages.at(-1)!.quickReply!.items.length).toBeGreaterThan(3);
    });
  });

  describe('on a bot of its own (the question log read from its start)', () => {
    it('when a question is asked, then it is logged for statistics without the user id', async () => {
      bot = await startBot();
      await bot.send(textEvent(userId(9), 'ผลคะแนนความโปร่งใสปีนี้'), textEvent(userId(9), 'qwerty'));
      const [answered, unanswered] = await bot.runtime.questions.all();
      expect(answered).toMatchObject({ intent: 'search', kind: 'ita' });
      expect(answered!.text).toBeTruthy();
      expect(unanswered).toMatchObject({ intent: 'search', match: null });
      expect(JSON.stringify(await bot.runtime.questions.all())).not.toContain(userId(9));
    });

    it('when a resident starts a tip in words, then the tip intent answers and the text is not kept', async () => {
      bot = await startBot();
      await bot.send(textEvent(userId(1), 'มีเจ้าหน้าที่เรียกรับสินบนครับ'));
      expect(shown(lastReply(bot))).toContain('1205');
      const [record] = await bot.runtime.questions.all();
      expect(record).toMatchObject({ intent: 'tip' });
      expect(record!.text).toBeUndefined();
    });
  });
});

describe('other messages', () => {
  // Shadows the file's bot: the file's afterEach leaves this one to shareBot
  let bot!: TestBot;
  shareBot((b) => (bot = b));

  it('when a sticker, image or location comes outside a flow, then a short friendly reply with the menu', async () => {
    await bot.send(
      messageEvent(userId(1), { type: 'sticker', packageId: '1', stickerId: '1', stickerResourceType: 'STATIC' }),
    );
    await bot.send(messageEvent(userId(1), { type: 'image', contentProvider: { type: 'line' } }));
    await bot.send(messageEvent(userId(1), { type: 'location', latitude: 15.9, longitude: 103.9, address: 'x' }));
    const replies = bot.line.replies();
    expect(replies).toHaveLength(3);
    for (const r of replies) expect((r.body.messages as Msg[]).at(-1)!.quickReply!.items.length).toBeGreaterThan(3);
    expect(JSON.stringify(replies[2]!.body)).toContain('Traffy Fondue');
  });

  it('when an event type the bot does not know comes, then it is logged and nothing is sent', async () => {
    const res = await bot.send({
      ...followEvent(userId(1)),
      type: 'beacon',
      beacon: { hwid: 'd41d8cd98f', type: 'enter' },
    });
    expect(res.status).toBe(200);
    expect(bot.line.calls).toEqual([]);
    expect(bot.logs.find((l) => l.msg === 'event')).toMatchObject({ type: 'beacon', outcome: 'ignored' });
  });
});

describe('latest news before anything is published', () => {
  it('when ข่าวล่าสุด is asked and nothing was published yet, then the latest announcement is shown after a short note', async () => {
    bot = await startBot();
    await bot.send(textEvent(userId(1), 'ข่าวล่าสุด'));
    const messages = lastReply(bot);
    expect(messages[0]!.text).toContain('ยังไม่มีข่าวใหม่');
    expect(messages[1]!.altText).toContain('มาตรการการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน');
    expect(messages.at(-1)!.quickReply!.items.length).toBeGreaterThan(2);
  });
});
