import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnswerChat, type AnswerChat } from '../helpers/answer-chat.js';

/** Questions the lead asked that the answers' author never saw, through the real bot: the first bubble's first text. */
describe('answers to questions residents asked the lead', () => {
  let chat: AnswerChat;
  const ask = (...turns: string[]): Promise<string> => chat.ask(...turns);

  beforeAll(async () => {
    chat = await startAnswerChat('answers-residents-', 9100);
  });
  afterAll(() => chat.bot.close());

  it('when "who does it" follows the discretion measure, then the owner of measure 2 (not measure 1) answers', async () => {
    expect(await ask('มาตรการตรวจสอบการใช้ดุลพินิจ', 'ใครเป็นคนทำ')).toMatch(/^ผู้รับผิดชอบ มาตรการที่ 2/);
    expect(await ask('มาตรการตรวจสอบการใช้ดุลพินิจ', 'ใครรับผิดชอบ')).toMatch(/^ผู้รับผิดชอบ มาตรการที่ 2/);
    expect(await ask('มาตรการตรวจสอบการใช้ดุลพินิจ', 'แล้วใช้งบเท่าไหร่')).toMatch(/^งบประมาณ มาตรการที่ 2/);
  });

  it('when "who does it" follows a clause of the discretion section, then the measure\'s owner answers unless the clause opens with its doer', async () => {
    expect(await ask('ข้อ 4 มาตรการตรวจสอบการใช้ดุลพินิจ', 'ใครเป็นคนทำ')).toMatch(/^ผู้รับผิดชอบ มาตรการที่ 2/);
    expect(await ask('ข้อ 5 มาตรการตรวจสอบการใช้ดุลพินิจ', 'ใครเป็นคนทำ')).toMatch(/^ผู้รับผิดชอบ มาตรการที่ 2/);
    expect(await ask('ข้อ 2.2 มาตรการเผยแพร่ข้อมูลต่อสาธารณะ', 'ใครเป็นคนทำ')).toMatch(/งานประชาสัมพันธ์ สำนักปลัดเทศบาล/);
  });

  it("when a clause is asked by its number and its section's name, then that clause of that section is quoted", async () => {
    expect(await ask('ข้อ ๔ ของมาตรการตรวจสอบการใช้ดุลพินิจว่าอะไร')).toMatch(/ข้อ ๔.*ตรวจสอบการใช้ดุลพินิจ|เทคโนโลยีสารสนเทศ/);
    expect(await ask('มาตรการเผยแพร่ข้อมูลต่อสาธารณะ ข้อ 1 ว่ายังไง')).toMatch(
      /ข้อ ๑ มาตรการเผยแพร่|ช่องทางในการบริการข้อมูลข่าวสาร/,
    );
  });

  it('when the number of measures is asked with อย่าง/ข้อ/อัน/เรื่อง, then the count and the list answer', async () => {
    for (const q of ['มาตรการส่งเสริมคุณธรรมมีกี่อย่าง', 'มาตรการมีกี่ข้อ', 'มาตรการมีกี่อัน', 'มาตรการมีทั้งหมดกี่เรื่อง']) {
      expect(await ask(q), q).toMatch(/3 มาตรการ|๓ มาตรการ/);
    }
  });

  it('when a yes/no question compares the score with a number, then the score comes first with yes or no, never invented', async () => {
    expect(await ask('เทศบาลได้คะแนนเกิน 90 ไหม')).toMatch(/^ใช่.*93\.05/);
    expect(await ask('คะแนน ita ต่ำกว่า 80 หรือเปล่า')).toMatch(/^ไม่.*93\.05/);
    expect(await ask('ปี 2567 ได้คะแนนเกิน 90 ไหม')).toMatch(/^ไม่.*88\.50/);
    expect(await ask("ปี 2567 มาตรการ Do & Don't ใช้งบเกิน 1000 บาทไหม")).toMatch(/^ใช่ งบประมาณ มาตรการที่ 1.*๕,๐๐๐ บาท/);
    // No amount written: the fact alone, no yes or no made up.
    expect(await ask('มาตรการตรวจสอบการใช้ดุลพินิจใช้งบเกิน 1000 บาทไหม')).toMatch(/^งบประมาณ มาตรการที่ 2: ไม่ใช้งบประมาณ/);
  });

  it("when the author's three misses are asked, then each states its fact", async () => {
    expect(await ask('ITA ย่อมาจากอะรัย')).toMatch(/Integrity Transparency Assessment/);
    expect(await ask('ข้อมูลต้องปรับปรุงโดยความเห็นชอบของใคร')).toMatch(/ผู้บริหาร/);
    expect(await ask('พนักงานที่พบการทำผิดระเบียบต้องรายงานต่อใคร')).toMatch(/ผู้บังคับบัญชา/);
  });
  it('when a yes/no question names a measure and a budget word (ค่าใช้จ่าย), then the budget answers, not a clause that shares words', async () => {
    expect(await ask('มาตรการเผยแพร่ข้อมูลมีค่าใช้จ่ายไหม')).toMatch(/^งบประมาณ มาตรการที่ 3.*ไม่ใช้งบประมาณ/);
    expect(await ask('มาตรการตรวจสอบการใช้ดุลพินิจมีค่าใช้จ่ายมั้ย')).toMatch(/^งบประมาณ มาตรการที่ 2.*ไม่ใช้งบประมาณ/);
  });

  it('when ITA is written in Thai letters (ไอทีเอ, ไอ ที เอ) with คืออะไร, then what ITA stands for answers, not the score', async () => {
    for (const q of ['ไอทีเอ คืออะไร', 'ไอ ที เอ คืออะไร', 'ไอทีเอ หมายถึงอะไร']) {
      expect(await ask(q), q).toMatch(/Integrity Transparency Assessment/);
    }
    // The score is still the score when asked for.
    expect(await ask('คะแนนไอ ที เอ เท่าไหร่')).toMatch(/93\.05/);
  });

  it('when a wish to complain asks where or whom to contact, then the channels answer (executives first), not the tip flow', async () => {
    for (const q of [
      'อยากร้องเรียนนายกเรื่องทุจริต ติดต่อที่ไหนดี',
      'อยากร้องเรียนนายก ต้องโทรเบอร์อะไร',
      'อยากแจ้งเรื่องทุจริตของผู้บริหาร ช่องทางไหนบ้าง',
    ]) {
      expect(await ask(q), q).toMatch(/1205/);
    }
    // Wishes and accounts without such a question still start the flow (its first text says so).
    for (const q of ['อยากแจ้งเบาะแส', 'แจ้งเบาะแส', 'มีเจ้าหน้าที่เรียกรับสินบน']) {
      expect(await ask(q), q).not.toMatch(/1205|ไม่พบคำตอบ/);
    }
  });

  it('when the measures are counted with ITA named or a particle after it, then the count answers, not the score', async () => {
    for (const q of [
      'มาตรการ ITA มีกี่ข้อจ๊ะ',
      'มาตรการ ita มีกี่ข้อ',
      'มาตรการมีกี่ข้อจ้า',
      'มาตรการ ITA มีกี่ข้อคะ',
      'มาตรการไอทีเอมีกี่อันนะ',
    ]) {
      expect(await ask(q), q).toMatch(/(^|\D)3 มาตรการ/);
    }
  });

  it('when a question asks whom to tell of work not by the rules, then clause 5 of the discretion section answers (ผู้บังคับบัญชา)', async () => {
    for (const q of [
      'ถ้าพนักงานทำไม่ถูกระเบียบ ต้องแจ้งใคร',
      'เจ้าหน้าที่ทำงานไม่เป็นไปตามกฎหมาย ต้องรายงานใคร',
      'บุคลากรทำงานผิดระเบียบ ต้องรายงานต่อใคร',
    ]) {
      expect(await ask(q), q).toMatch(/ผู้บังคับบัญชา/);
    }
  });
});
