import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnswerChat, type AnswerChat } from '../helpers/answer-chat.js';

/** A bare topic, then a question without its subject: the follow-up is about that topic. Wordings in no fixture. */
describe('a follow-up after a bare topic', () => {
  let chat: AnswerChat;
  beforeAll(async () => {
    chat = await startAnswerChat('follow-subject-', 72000);
  });
  afterAll(() => chat.bot.close());

  it('when a measure is named and then its column is listed, then that measure’s column answers, not every measure’s', async () => {
    const got = await chat.ask('มาตรการเผยแพร่ข้อมูลต่อสาธารณะ', 'มีวิธีการอะไรบ้าง');
    expect(got).toMatch(/^วิธีการ มาตรการที่ 3/);
  });

  it('when no measure came before, then the column of every measure is listed', async () => {
    expect(await chat.ask('มีวิธีการอะไรบ้าง')).toMatch(/แต่ละมาตรการ/);
  });

  it('when what a numbered clause of a named section is about is asked, then that clause answers, not the announcement’s subject', async () => {
    const got = await chat.ask('มาตรการเผยแพร่ข้อมูลต่อสาธารณะ ข้อที่ 2 เกี่ยวกับเรื่องอะไรครับ');
    expect(got).toMatch(/^ข้อ ๒ มาตรการเผยแพร่ข้อมูลต่อสาธารณะ/);
    expect(await chat.ask('ประกาศฉบับนี้เกี่ยวกับเรื่องอะไร')).toMatch(/^ประกาศเรื่อง/);
  });

  it('when ITA is named and then what it stands for is asked, then the full name answers, not the score', async () => {
    const got = await chat.ask('ผลคะแนน ita', 'ชื่อเต็มคืออะไร');
    expect(got).toMatch(/Integrity Transparency Assessment/);
  });
});
