import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationStateSchema } from '../../src/bot/conversation.js';
import { deriveKeys, userRef } from '../../src/crypto/keys.js';
import { PrivateStore } from '../../src/storage/private-store.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { tempDir } from '../helpers/temp-dir.js';
import { followEvent, postbackEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';
import { buttons, lastReply, shown, topicButton } from '../helpers/publication-chat.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const ALL = ['news', 'announcement', 'procurement', 'measure', 'report'];
const stats = async (b: TestBot) =>
  (await (await b.staff('GET', '/stats')).json()) as { subscribers: number; friends: { following: number } };

describe('subscribing to topics', () => {
  it('when a friend sends ยกเลิกรับข่าวสาร and then สมัครรับข่าวสาร, then every topic stops and comes back, with the settings card each time', async () => {
    bot = await startBot();
    const user = userId(1);
    await bot.send(followEvent(user));
    expect((await stats(bot)).subscribers).toBe(1);

    await bot.send(textEvent(user, 'ยกเลิกรับข่าวสาร'));
    expect(bot.runtime.friends.get(user)?.topics).toEqual([]);
    const stopped = lastReply(bot);
    expect(stopped[0]!.text).toContain('ยกเลิกรับข่าวสารทั้งหมดแล้ว');
    expect(shown(stopped)).toContain('ตอนนี้ท่านไม่ได้รับข่าวสารหัวข้อใด');
    expect(await stats(bot)).toMatchObject({ subscribers: 0, friends: { following: 1 } });

    await bot.send(textEvent(user, 'สมัครรับข่าวสาร'));
    expect(bot.runtime.friends.get(user)?.topics).toEqual(ALL);
    const card = lastReply(bot);
    expect(shown(card)).toContain('ตอนนี้ท่านรับข่าวสารทุกหัวข้อ');
    for (const topic of ALL) topicButton(card, topic, '0');
    expect((await stats(bot)).subscribers).toBe(1);
  });

  it('when a message names a topic, then only that topic changes', async () => {
    bot = await startBot();
    const user = userId(2);
    await bot.send(followEvent(user));
    await bot.send(textEvent(user, 'ไม่อยากได้ข่าวจัดซื้อจัดจ้างแล้วครับ'));
    expect(bot.runtime.friends.get(user)?.topics).toEqual(['news', 'announcement', 'measure', 'report']);
    expect(lastReply(bot)[0]!.text).toContain('จัดซื้อจัดจ้าง');
    await bot.send(textEvent(user, 'ยกเลิกรับข่าวสาร'), textEvent(user, 'ขอรับข่าวประกาศด้วยครับ'));
    expect(bot.runtime.friends.get(user)?.topics).toEqual(['announcement']);
  });

  it('when a topic button on the settings card is tapped, then that topic alone changes, and tapping the same old button again changes nothing more', async () => {
    bot = await startBot();
    const user = userId(3);
    await bot.send(followEvent(user), textEvent(user, 'สมัครรับข่าวสาร'));
    const off = topicButton(lastReply(bot), 'procurement', '0');
    await bot.send(postbackEvent(user, off));
    expect(bot.runtime.friends.get(user)?.topics).toEqual(['news', 'announcement', 'measure', 'report']);
    const after = lastReply(bot);
    expect(after[0]!.text).toContain('หยุดส่งข่าวหัวข้อ “จัดซื้อจัดจ้าง” แล้ว');
    expect(shown(after)).toContain('ตอนนี้ท่านรับ 4 จาก 5 หัวข้อ');
    topicButton(after, 'procurement', '1');

    await bot.send(postbackEvent(user, off));
    expect(bot.runtime.friends.get(user)?.topics).toEqual(['news', 'announcement', 'measure', 'report']);

    await bot.send(postbackEvent(user, 'a=topics-all&on=0'));
    expect(bot.runtime.friends.get(user)?.topics).toEqual([]);
    await bot.send(postbackEvent(user, 'a=topic&id=report&on=1'));
    expect(bot.runtime.friends.get(user)?.topics).toEqual(['report']);
    await bot.send(postbackEvent(user, 'a=topic&id=weather&on=1'));
    expect(lastReply(bot)[0]!.text).toContain('หมดอายุ');
  });

  it('when a friend blocks and follows again, then the earlier choice is kept and the welcome says so', async () => {
    bot = await startBot();
    const user = userId(4);
    await bot.send(followEvent(user), textEvent(user, 'ยกเลิกรับข่าวสาร'), postbackEvent(user, 'a=topic&id=news&on=1'));
    await bot.send(unfollowEvent(user));
    expect(bot.runtime.friends.get(user)).toMatchObject({ status: 'blocked', topics: ['news'] });
    expect((await stats(bot)).subscribers).toBe(0);
    await bot.send(followEvent(user));
    expect(bot.runtime.friends.get(user)).toMatchObject({ status: 'following', topics: ['news'] });
    expect(shown(lastReply(bot))).toContain('ยินดีต้อนรับกลับมา');

    const other = userId(5);
    await bot.send(followEvent(other), textEvent(other, 'ยกเลิกรับข่าวสาร'), unfollowEvent(other), followEvent(other));
    expect(bot.runtime.friends.get(other)?.topics).toEqual([]);
    expect(shown(lastReply(bot))).toContain('ท่านเคยยกเลิกรับข่าวสารไว้');
  });
});

describe('personal data (PDPA)', () => {
  it('when ความเป็นส่วนตัว is asked, then the reply says what is kept, why, for how long, and how to erase it', async () => {
    bot = await startBot();
    await bot.send(textEvent(userId(6), 'ความเป็นส่วนตัว'));
    const notice = shown(lastReply(bot));
    for (const phrase of ['บอทเก็บอะไรบ้าง', 'เก็บไว้เพื่ออะไร', 'เก็บไว้นานเท่าไร', '365 วัน', 'ลบข้อมูลของฉัน', 'พ.ศ. 2562'])
      expect(notice).toContain(phrase);
  });

  it('when ลบข้อมูลของฉัน is confirmed, then the friend record, topics and conversation state are erased; declining keeps them', async () => {
    const user = userId(7);
    const dataDir = await tempDir();
    const conversationsFile = path.join(dataDir, 'state', 'conversations.jsonl');
    const keys = deriveKeys(Buffer.alloc(32, 7));
    const seeded = await PrivateStore.open(conversationsFile, keys.people, ConversationStateSchema);
    await seeded.set(userRef(keys, user), {
      v: 1,
      flow: 'survey',
      step: 'q1',
      draft: {},
      updatedAt: new Date().toISOString(),
    });
    await seeded.close();

    bot = await startBot({ dataDir });
    await bot.send(followEvent(user), textEvent(user, 'ลบข้อมูลของฉัน'));
    const [confirm, decline] = [...buttons(lastReply(bot)).values()];
    expect(confirm).toMatch(/^a=erase&ok=1&t=\d+$/);
    expect(decline).toMatch(/^a=erase&ok=0&t=\d+$/);

    await bot.send(postbackEvent(user, decline!));
    expect(bot.runtime.friends.get(user)).toBeDefined();
    expect(lastReply(bot)[0]!.text).toContain('ไม่ลบข้อมูล');

    await bot.send(postbackEvent(user, confirm!));
    expect(lastReply(bot)[0]!.text).toContain('ลบข้อมูลของท่านเรียบร้อยแล้ว');
    expect(bot.runtime.friends.get(user)).toBeUndefined();
    expect((await stats(bot)).friends.following).toBe(0);
    await bot.close();
    bot = undefined;
    const conversations = await PrivateStore.open(conversationsFile, keys.people, ConversationStateSchema);
    expect(conversations.get(userRef(keys, user))).toBeUndefined();
    await conversations.close();
  });

  it('when an erase button is older than ten minutes, then nothing is erased and the reply says to ask again', async () => {
    bot = await startBot();
    const user = userId(8);
    await bot.send(followEvent(user));
    const old = Math.floor(Date.now() / 60_000) - 11;
    await bot.send(postbackEvent(user, `a=erase&ok=1&t=${old}`));
    expect(bot.runtime.friends.get(user)).toBeDefined();
    expect(lastReply(bot)[0]!.text).toContain('หมดอายุ');
    const file = await fs.readFile(path.join(bot.dataDir, 'state', 'friends.jsonl'), 'utf8');
    expect(file).not.toContain(user);
  });
});
