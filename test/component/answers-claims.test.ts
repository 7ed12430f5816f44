import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnswerChat, type AnswerChat } from '../helpers/answer-chat.js';

/**
 * A yes/no that restates a named fact (who signed, who is responsible, which month) is answered
 * ใช่ or ไม่ใช่ after comparing the claim with the document's value, then the fact itself.
 * Wordings here are not in any fixture file.
 */
describe('yes/no claims about a named fact', () => {
  let chat: AnswerChat;
  beforeAll(async () => {
    chat = await startAnswerChat('claims-', 71000);
  });
  afterAll(() => chat.bot.close());

  it('when a wrong signer is claimed, then the answer says ไม่ใช่ and names the signer', async () => {
    expect(await chat.ask('รองนายกเป็นผู้ลงนามในประกาศใช่ไหมครับ')).toMatch(/^ไม่ใช่[\s\S]*นายอุดม\s*วงบุตดา/);
  });

  it('when the right signer is claimed, then the answer says ใช่ and names the signer', async () => {
    expect(await chat.ask('นายอุดมเซ็นประกาศฉบับนี้หรือเปล่า')).toMatch(/^ใช่[\s\S]*นายอุดม\s*วงบุตดา/);
  });

  it('when a month is claimed for the announcement, then it is compared with the date', async () => {
    expect(await chat.ask('ประกาศลงเดือนมีนาใช่ไหม')).toMatch(/^ไม่ใช่[\s\S]*มกราคม/);
    expect(await chat.ask('ประกาศออกเดือนมกรา หรือเปล่า')).toMatch(/^ใช่[\s\S]*มกราคม/);
  });

  it('when an owner no document names is claimed beside the measure, then the measure is still found and the answer says ไม่ใช่', async () => {
    expect(await chat.ask('มาตรการตรวจสอบการใช้ดุลพินิจ กองช่างรับผิดชอบคนเดียวใช่ไหม')).toMatch(/^ไม่ใช่[\s\S]*ทุกส่วนราชการ/);
  });

  it('when a yes/no names no claim, then no verdict is given', async () => {
    expect(await chat.ask('ประกาศมีผู้ลงนามไหม')).not.toMatch(/^(ใช่|ไม่ใช่)/);
  });

  it('when the date is asked in Isan (มื้อได๋), then the date is answered', async () => {
    expect(await chat.ask('ประกาศฉบับนี้ลงมื้อได๋')).toMatch(/มกราคม/);
  });
});
