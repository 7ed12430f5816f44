import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnswerChat, type AnswerChat } from '../helpers/answer-chat.js';

/**
 * Whole families of wordings, through the real bot (the first bubble's first text): orders
 * written as words, counts in Isan and English, points for the score, yes/no over a number
 * with no field named, "what came of it", everyday problems other agencies fix, offices asked
 * by their number, wishes for news. None of these lines is in a fact-question file.
 */
describe('answers to families of wordings', () => {
  let chat: AnswerChat;
  const ask = (...turns: string[]): Promise<string> => chat.ask(...turns);

  beforeAll(async () => {
    chat = await startAnswerChat('answers-families-', 9600);
  });
  afterAll(() => chat.bot.close());

  async function expectAll(questions: readonly string[], expected: RegExp): Promise<void> {
    for (const q of questions) expect(await ask(q), q).toMatch(expected);
  }

  it('when a measure is named by its order in words, digits or English, then that measure answers, not the ITA result', async () => {
    await expectAll(
      ['มาตรการที่สามใครรับผิดชอบ', 'มาตรการอันที่ ๓ ใครดูแล', 'who is in charge of the third measure'],
      /^ผู้รับผิดชอบ มาตรการที่ 3/,
    );
    await expectAll(['มาตรการที่สองใช้งบเท่าไหร่', 'budget of the 2nd measure'], /^งบประมาณ มาตรการที่ 2/);
    await expectAll(['มาตรการแรกทำยังไง'], /^วิธีการ มาตรการที่ 1/);
    await expectAll(['มาตรการสุดท้ายทำช่วงไหน'], /^ระยะเวลาการดำเนินการ มาตรการที่ 3/);
  });

  it('when the measures are counted or listed in Isan or English, then the count answers', async () => {
    await expectAll(
      [
        'มีมาตรการจั๊กอย่าง',
        'มาตรการมีจั่กข้อ',
        'how many measures does the municipality have',
        'what measures does Phon Sai run',
      ],
      /(^|\D)3 มาตรการ/,
    );
    await expectAll(['เทศบาลโพนทรายมีมาตรการอะไรบ้าง'], /(^|\D)3 มาตรการ/);
  });

  it('when the score is asked as points, then the score answers', async () => {
    await expectAll(['เทศบาลได้กี่แต้ม', 'ผลประเมินได้จักแต้ม', 'how many points did the town score'], /^(?!.*ไม่).*93\.05/);
    await expectAll(['ปีที่แล้วได้กี่แต้ม'], /88\.50/);
  });

  it('when a yes/no question compares a number with no field named, then the score comes first with yes or no', async () => {
    await expectAll(['ได้ถึง 90 ไหม', 'is the score above 90', 'ได้มากกว่า 85 แม่นบ่'], /^ใช่.*93\.05/);
    await expectAll(['ปี 2567 ได้ถึง 90 มั้ย', 'ปีที่แล้วเกิน 90 หรือเปล่า'], /^ไม่ใช่.*88\.50/);
  });

  it('when what came of a measure is asked, then its outcome column answers', async () => {
    await expectAll(
      ['มาตรการตรวจสอบการใช้ดุลพินิจได้ผลอะไร', 'ผลที่คาดว่าจะได้รับของมาตรการที่ 2'],
      /^ผลลัพธ์หรือความสำเร็จ มาตรการที่ 2/,
    );
    await expectAll(['expected outcome of the disclosure measure'], /^ผลลัพธ์หรือความสำเร็จ มาตรการที่ 3/);
  });

  it('when an everyday problem is named with where, whom or a number, then the channel that fixes it comes first', async () => {
    await expectAll(['ไฟดับทั้งซอย โทรเบอร์อะไร', 'power cut, where do I report it'], /1129/);
    await expectAll(
      ['ไฟกิ่งหน้าบ้านเสีย ติดต่อใคร', 'ถนนเป็นหลุม แจ้งไสได้', 'ท่อตันแจ้งหน่วยงานไหน', 'streetlight broken who do I call'],
      /Traffy Fondue/,
    );
    // A problem told with nothing asked, which no document answers, gets its channel too; a measure named does not.
    await expectAll(['ไฟดับทั้งหมู่บ้าน'], /1129/);
    await expectAll(['ถนนหน้าบ้านเป็นหลุมใหญ่มาก'], /Traffy Fondue/);
    expect(await ask('มาตรการถนน')).not.toMatch(/Traffy Fondue/);
  });

  it('when a yes/no claims a budget the measure does not use, then the answer says no and states the budget', async () => {
    await expectAll(['มาตรการที่ 2 ใช้งบ 20,000 บาทใช่ไหม'], /^ไม่ใช่[\s\S]*ไม่ใช้งบประมาณ/);
  });

  it('when the town is written ทต. (เทศบาลตำบล), then its province answers', async () => {
    await expectAll(['ทต.โพนทราย จังหวัดไหน'], /ร้อยเอ็ด/);
  });

  it('when an outside office is asked for by its number or contact, then its hotline answers', async () => {
    await expectAll(['เบอร์โทรศูนย์ดำรงธรรม', 'ติดต่อศูนย์ดำรงธรรม'], /1567/);
    // Chat spellings: "เบอ" without its silent ร, ธรรม spelled by sound (ทำ).
    await expectAll(['เบอ ป.ป.ช. อะไร', 'ขอเบอโทรดำรงทำหน่อย'], /1205|1567/);
    await expectAll(['ป.ป.ท. เบอร์', 'call pacc'], /1206/);
  });

  it('when which measure is asked with a field, then every measure\'s figure answers; a question ending in "about" asks the subject', async () => {
    await expectAll(
      ['มาตรการไหนใช้งบบ้าง', 'มาตรการใดใช้เงินมากที่สุด', 'which measure costs the most'],
      /^งบประมาณแต่ละมาตรการ/,
    );
    await expectAll(['what is the announcement about', 'ประกาศเกี่ยวกับอะไร'], /^ประกาศเรื่อง/);
    await expectAll(['เทศบาลชื่ออะไร', 'what is the town called'], /เทศบาลตำบลโพนทราย/);
    await expectAll(['มาตรการที่ 3 คืบหน้าไปถึงไหนแล้ว', 'what has been done for measure 2 so far'], /^สรุปผลการดำเนินการ/);
  });

  it('when where is asked with บ้าง, then it still asks where: the channels answer, not the tip flow', async () => {
    await expectAll(['แจ้งทุจริตได้ที่ไหนบ้าง', 'ร้องเรียนเรื่องโกงได้ที่ใดบ้าง'], /พิมพ์ "แจ้งเบาะแส"|1205/);
  });

  it('when something inside a measure or a clause is asked, no column named, then the wording that holds it answers', async () => {
    // A yes/no question about what a measure says: the column that says it, not a clause near it.
    await expectAll(['มาตรการที่ 3 มีเรื่องเว็บไซต์ด้วยไหม'], /^(?!ลำดับที่).*เว็บไซต์/);
    await expectAll(['มาตรการดุลพินิจมีการทำคู่มือไหม'], /คู่มือ/);
    // A question with no item found: the clause whose words hold it.
    await expectAll(['ผู้บังคับบัญชาต้องเสนอแนวทางแก้ไขปัญหาต่อใคร', 'ระบบฐานข้อมูลเอามาใช้ทำอะไร'], /^ข้อ/);
    // How often: the wording that states a frequency.
    await expectAll(['รายงานผลการสืบค้นต่อผู้บริหารบ่อยแค่ไหน'], /ไตรมาส/);
  });

  it("when who is asked with another link word than the clause has (จาก, not ของ), then the clause's own words are stated", async () => {
    await expectAll(['ปรับปรุงข้อมูลต้องได้รับความเห็นชอบจากใคร'], /โดยความเห็นชอบของผู้บริหาร/);
  });

  it("when a clause is named by its number and who is asked, then the clause answers; the town's full name is the agency", async () => {
    await expectAll(['ข้อ 2.2 ใครรับผิดชอบ'], /^ข้อ ๒\.๒.*งานประชาสัมพันธ์/);
    await expectAll(['เทศบาลนี้ชื่อเต็มว่าอะไร'], /เทศบาลตำบลโพนทราย/);
    await expectAll(['ITA ชื่อเต็มว่าอะไร'], /Integrity/);
  });

  it('when a number is asked as a whole number or years are compared without one, then the score answers honestly', async () => {
    await expectAll(['ปีนี้ได้ 93 คะแนนใช่ไหม'], /^ใช่.*93\.05/);
    await expectAll(['ปีนี้ได้ 95 คะแนนใช่ไหม'], /^ไม่ใช่.*93\.05/);
    await expectAll(['คะแนนปี 2567 สูงกว่าปี 2568 ไหม'], /93\.05.*88\.50/);
  });

  it('when English asks whether the score went up, or tells about a measure, then the years or the measure answer', async () => {
    await expectAll(['Did the ITA score go up?', 'has the score improved'], /93\.05.*88\.50/);
    // "tell" is no "tel" (a phone number) once doubled letters collapse.
    await expectAll(['Tell me about measure 2'], /^(?!ไม่พบ)/);
    await expectAll(['How many digits does the receipt number have?'], /16 หลัก/);
  });

  it('when English asks a name or what a measure does, then the signer or the method answers', async () => {
    await expectAll(["the mayor's name", 'name of the person who signed'], /นายอุดม วงบุตดา/);
    await expectAll(['what does the second measure do'], /^วิธีการ มาตรการที่ 2/);
  });

  it('when a channel named in a column is asked about by another spelling, then that column answers', async () => {
    await expectAll(['เทศบาลมีไอจีไหม', 'มีอินสตาแกรมให้ติดตามบ่'], /Instagram/);
  });

  it('when following a tip up is asked, then how to follow it up answers, not where to report', async () => {
    await expectAll(['แจ้งเบาะแสไปแล้วจะติดตามผลยังไง'], /^ติดตามเรื่องที่แจ้ง/);
    // "ตามเรื่อง" without ติด, as people say it.
    await expectAll(['ร้องเรียนไปแล้ว ตามเรื่องได้ที่ไหน'], /^ติดตามเรื่องที่แจ้ง/);
  });

  it('when a resident who no longer wants news asks what to type, then the bot says how, and unsubscribes no one', async () => {
    await expectAll(['บ่อยากได้ข่าวแล้ว พิมพ์อะไร', 'เลิกรับข่าวต้องทำยังไง'], /ยกเลิกรับข่าวสาร/);
    await expectAll(['ไม่เอาข่าวแล้ว ต้องทำยังไงให้เลิกส่ง', 'บ่เอาข่าวแล้ว เฮ็ดจั๋งใด'], /ยกเลิกรับข่าวสาร/);
  });

  it("when the measures of the report are counted, then the count answers, not a column the report's name contains", async () => {
    await expectAll(['รายงานผลการดำเนินงานมีกี่มาตรการ'], /(^|\D)3 มาตรการ/);
  });

  it('when all these were asked, then every reply passed the LINE checker', () => {
    chat.bot.expectAllLineCallsValid();
  });

  it('when someone asks how to get the news, then subscribing answers', async () => {
    await expectAll(
      ['อยากได้ข่าวจากเทศบาลต้องทำไง', 'จะติดตามข่าวเทศบาลได้ยังไง', 'how do I get news from the town'],
      /สมัครรับข่าวสาร/,
    );
  });
});
