import { beforeAll, describe, expect, it } from 'vitest';
import { understand } from '../../../src/bot/understand.js';
import { answerQuestion, type Reply } from '../../../src/content/answers/answer-question.js';
import { createAnswers, type Answers } from '../../../src/content/answers/answers.js';
import type { AnswerContext } from '../../../src/content/answers/fact-choice.js';
import { PURPOSE, readThreshold } from '../../../src/content/answers/question-words.js';
import { readQuestion } from '../../../src/content/answers/read-question.js';
import { readTime } from '../../../src/content/answers/question-time.js';
import { claimVerdict } from '../../../src/content/answers/claim-verdict.js';
import { SearchIndex } from '../../../src/content/search-index.js';
import { shippedSearch } from '../../helpers/shipped-search.js';

/**
 * The answer mechanisms behind the blind sets' misses, each asked in other words than the
 * fixture lines: what a question reader and the fact choice make of a way of asking.
 */
describe('answer mechanisms, asked in new words', () => {
  let index: SearchIndex;
  let answers: Answers;

  beforeAll(async () => {
    const shipped = await shippedSearch();
    index = new SearchIndex(shipped.items, shipped.synonyms);
    answers = createAnswers({ docs: shipped.docs, synonyms: shipped.synonyms, index, item: (id) => index.get(id) });
  });

  /** The reply and context for a question, after the previous context (a new user when null). */
  const answer = (text: string, context: AnswerContext | null = null) => {
    const u = understand(text, index);
    if (u.intent !== 'search') throw new Error(`${text} is ${u.intent}`);
    return answerQuestion(answers.book, u, context);
  };
  /** What the first bubble states: the fact's value (with the verdict), or the service fact's id. */
  const stated = (reply: Reply): string => {
    if (reply.type === 'service') return reply.fact.id;
    if (reply.type !== 'fact') return reply.type;
    const verdict = reply.verdict === undefined ? '' : reply.verdict ? 'ใช่ ' : 'ไม่ใช่ ';
    return `${verdict}${reply.units[0]?.value ?? ''}`;
  };

  it('when a score is written before the score word in a yes/no, then it is the number compared; asked what it is, it stays', () => {
    expect(readThreshold('เทศบาลได้ ita 88 คะแนนใช่ไหม').threshold).toMatchObject({ above: null, value: 88 });
    expect(readThreshold('ได้ 70 แต้มจริงป่ะ').threshold).toMatchObject({ value: 70 });
    expect(readThreshold('93.05 คะแนนหมายถึงอะไร').threshold).toBeNull();
    expect(stated(answer('ปีนี้ทต.ได้ ita 91 คะแนนจริงไหม').reply)).toMatch(/^ไม่ใช่ 93\.05/);
  });

  it('when a dotted abbreviation runs into the next word ("พ.ศ.ไหน"), then the year is asked, and a law asked for its year is quoted', () => {
    expect(readQuestion('กฎหมายนี้ออกปี พ.ศ.ไหน').kind).toBe('when');
    expect(readQuestion('ฉบับ ค.ศ. อะไร').kind).toBe('when');
    expect(stated(answer('พระราชบัญญัติข้อมูลข่าวสารที่มาตรการอ้าง ออกปีอะไร').reply)).toMatch(/พ\.ศ\. ๒๕๔๐/);
  });

  it('when a document word is one letter from an asking word ("ราชการ", "รายการ"), then it asks nothing; a real typo still does', () => {
    expect(readQuestion('ส่วนราชการในเทศบาล').kind).toBeNull();
    expect(readQuestion('ผู้รับผิตชอบมาตรการดุลพินิจ').fields).toEqual(['owner']);
  });

  it('when what something is is asked with the kind of thing ("เป็นองค์กรอะไร"), then it asks what it stands for', () => {
    expect(readQuestion('ป.ป.ช. เป็นองค์กรอะไร').kind).toBe('abbrev');
    expect(stated(answer('ปปช คือหน่วยงานอะไร').reply)).toBe('nacc-name');
  });

  it('when a service fact was the answer, then a question without its subject is asked of its topic; a new subject leaves it', () => {
    const first = answer('ป.ป.ช. ย่อมาจากอะไร');
    expect(stated(first.reply)).toBe('nacc-name');
    expect(stated(answer('แล้วโทรเบอร์ไหนล่ะ', first.context).reply)).toBe('nacc-hotline');
    const hotline = answer('สายด่วนศูนย์ดำรงธรรม');
    expect(stated(hotline.reply)).toBe('damrongtham-hotline');
    // A field of the documents after a service answer is read as a new question.
    expect(stated(answer('แล้วคะแนนล่ะ', hotline.context).reply)).toMatch(/93\.05/);
  });

  it('when a measure is named by its order, then the town, the signer and the score are not what is asked: its title is', () => {
    expect(readQuestion('มาตรการที่ 2 ของเทศบาลชื่ออะไร').fields).toEqual([]);
    expect(stated(answer('มาตรการลำดับที่สองชื่อว่าอะไร').reply)).toBe('มาตรการตรวจสอบการใช้ดุลพินิจ');
    expect(stated(answer('มาตรการที่ 2 ในรายงานผลชื่อว่าอะไร').reply)).toBe('มาตรการตรวจสอบการใช้ดุลพินิจ');
  });

  it('when two fields are named and one with its asking word, then that one is asked; the other picks the item', () => {
    expect(readQuestion('ประกาศฉบับที่ลงนามโดยนายก เป็นเรื่องอะไร').fields).toEqual(['subject']);
    expect(readQuestion('ผู้ลงนามมีตำแหน่งอะไร').fields).toEqual(['position']);
  });

  it('when a yes/no claims a name the documents do not hold, then the field one item has is compared: ไม่ใช่ and the fact', () => {
    expect(stated(answer('นางสมศรี มีสุข เซ็นประกาศใช่หรือไม่').reply)).toMatch(/^ไม่ใช่ นายอุดม วงบุตดา/);
  });

  it('when official short forms are written (ลว., จ., อ.), then they read as the words; a dotted name stays whole', () => {
    expect(readQuestion('ประกาศนี้ ลว. เมื่อไหร่').fields).toContain('date');
    expect(readQuestion('เทศบาลอยู่ อ.อะไร').fields).toEqual(['district']);
    expect(readQuestion('แล้ว ป.ป.ช. ล่ะ').time.rest).toContain('ป.ป.ช.');
    expect(stated(answer('ทต.โพนทรายอยู่ จ.อะไร').reply)).toMatch(/ร้อยเอ็ด/);
  });

  it('when the unit or the fiscal year is asked in short or in English, then that is what is asked', () => {
    expect(readQuestion('หน่วยใดทำ').kind).toBe('who');
    expect(readQuestion('what fiscal year is the score for').fields).toEqual(['fiscalYear']);
  });

  it('when a service fact was the answer and another topic alone follows ("แล้ว ป.ป.ช. ล่ะ"), then the same kind of fact of that topic', () => {
    const hotline = answer('เบอร์ศูนย์ดำรงธรรม');
    expect(stated(hotline.reply)).toBe('damrongtham-hotline');
    expect(stated(answer('แล้ว ป.ป.ช. ล่ะ', hotline.context).reply)).toBe('nacc-hotline');
    const name = answer('ปปช ย่อมาจากอะไร');
    expect(stated(answer('แล้ว ป.ป.ท. ล่ะ', name.context).reply)).toBe('pacc-name');
  });

  it('when the progress of a tip made before is asked, even in English or told with the account, then how to follow it up', () => {
    expect(stated(answer('เรื่องที่แจ้งเบาะแสไว้ถึงไหนแล้ว ดูยังไง').reply)).toBe('tip-status');
    expect(stated(answer('where can i see the status of a tip').reply)).toBe('tip-status');
    // "statistics" is no misspelt "status": a question about the report's statistics is not about a tip.
    expect(stated(answer('how often are statistics reported to executives').reply)).not.toBe('tip-status');
    const told = 'ปีก่อนดิฉันเห็นเจ้าหน้าที่เก็บเงินเกิน เลยแจ้งไปแล้ว ได้เลขรับเรื่องมา จะติดตามความคืบหน้ายังไง';
    expect(stated(answer(told).reply)).toBe('tip-status');
  });

  it('when the teller says what they think (เห็นว่า) and asks where to complain, then the channels answer; what they saw stays a tip', () => {
    expect(stated(answer('ผมเห็นว่างานจัดซื้อแปลกๆ สงสัยรองนายกมีส่วน ร้องเรียนได้ที่ไหน').reply)).toBe('report-executive');
    expect(understand('ผมเห็นเจ้าหน้าที่รับเงินใต้โต๊ะ', index).intent).toBe('tip');
    expect(stated(answer('ไม่รู้จะแจ้งใครดี มีเบอร์ไหม').reply)).toBe('tip-channel');
  });

  it('when a service fact answers what it takes on, then "รับเรื่องอะไรบ้าง" is answered by it', () => {
    expect(stated(answer('ศูนย์ดำรงธรรมรับเรื่องแบบไหนบ้าง').reply)).toBe('damrongtham-hotline');
  });

  it('when a yes/no claims a large budget without a number, then a measure using none is ไม่ใช่', () => {
    expect(stated(answer("มาตรการ do & don't ใช้เงินมากไหม").reply)).toBe('ไม่ใช่ ไม่ใช้งบประมาณ');
  });

  it('when "who" asks whose thing it is or who does the act, then a clause naming that doer in a relative clause states it verbatim', () => {
    const whose = answer('การเปิดเผยข้อมูลต่อสาธารณะ ยึดตามแนวทางของใคร').reply;
    expect(whose.type === 'fact' && whose.stated).toMatch(/แนวทางที่สำนักงาน ป\.ป\.ช\./);
    const doer = answer('แนวทางการเปิดเผยข้อมูล ใครเป็นผู้กำหนด').reply;
    expect(doer.type === 'fact' && doer.stated).toMatch(/สำนักงาน ป\.ป\.ช\. กำหนด/);
  });

  it('when a question asks why ("ทำไม", "เพราะอะไร", "มีไว้ทำไม"), then the wording saying what it is for answers; "ควรทำไม่ควรทำ" asks no why', () => {
    expect(PURPOSE.test('สิ่งที่ควรทำไม่ควรทำมีอะไร')).toBe(false);
    expect(readQuestion('ทำไมนายกต้องลงนามในประกาศ').fields).not.toContain('signer');
    expect(stated(answer('เพราะอะไรเทศบาลจึงต้องมีมาตรการตรวจสอบการใช้ดุลพินิจ').reply)).toMatch(/เพื่อเป็นการลดการใช้ดุลพินิจ/);
    expect(stated(answer('มาตรการเผยแพร่ข้อมูลต่อสาธารณะมีไว้ทำไม').reply)).toMatch(
      /^มาตรการเผยแพร่ข้อมูลต่อสาธารณะ เพื่อกำหนดแนวทาง/,
    );
    expect(stated(answer('ทำไมต้องประกาศมาตรการส่งเสริมความโปร่งใส').reply)).toMatch(/เพื่อส่งเสริม/);
  });

  it("when a clause is named by a number several sections have, then the one holding the question's own words answers", () => {
    expect(stated(answer('ข้อ 3 ที่ให้จัดทำคู่มือ เขียนว่าอย่างไร').reply)).toMatch(/^กำหนดให้จัดทำคู่มือ/);
  });

  it('when channels are asked by way or number ("ผ่านช่องทางออนไลน์", "อย่างเดียว"), then the wording listing them answers', () => {
    expect(readQuestion('ประชาสัมพันธ์ผ่านทางออนไลน์ช่องทางใดบ้าง').subject).not.toMatch(/ผ่าน|อนไลน์/);
    expect(stated(answer('เทศบาลลงข้อมูลข่าวสารทางออนไลน์ที่ไหนบ้าง').reply)).toMatch(/Instagram/);
    expect(stated(answer('ข้อมูลเผยแพร่แค่เว็บไซต์อย่างเดียวหรือเปล่า มีช่องทางไหนบ้าง').reply)).toMatch(/Instagram/);
  });

  it('when a measure the announcement does not restate is asked who or how often with words of its own, then its own wording answers', () => {
    expect(stated(answer("ตามมาตรการ do & don't ส่วนราชการไหนต้องทำคู่มือของเจ้าหน้าที่").reply)).toMatch(/แต่ละส่วนราชการ/);
    expect(stated(answer('ประชุมถ่ายทอดนโยบายจริยธรรมจัดบ่อยไหม ตามมาตรการ do and dont').reply)).toMatch(
      /ประจำเดือน|ทุก ๆ เดือน/,
    );
    // Naming the measure alone still asks its column.
    expect(stated(answer('มาตรการจริยธรรมทำช่วงไหน').reply)).toBe('ปีงบประมาณ ๒๕๖๘');
  });

  it('when a noun comes right before "ใคร" ("ความเห็นชอบใคร"), then it asks whose, and the clause\'s words with ของ are stated', () => {
    const reply = answer('ปรับปรุงข้อมูลแล้วต้องได้รับความเห็นชอบใคร').reply;
    expect(reply.type === 'fact' && reply.stated).toBe('โดยความเห็นชอบของผู้บริหาร');
  });

  it('when a question opens with the case it supposes and the whole finds nothing, then the sentence after it is answered', () => {
    const reply = answer('หากเจ้าหน้าที่ทำผิดกฎ ต้องรายงานต่อใคร').reply;
    expect(reply.type === 'fact' && reply.stated).toBe('ผู้บังคับบัญชาตามลำดับ');
    expect(answer('ถ้าฝนตกหนักมาก ข้าวเหนียวราคาเท่าไหร่').reply.type).toBe('none');
  });

  it('when a story ends with its question, then a number stays with its words and the sentences asking are the question', () => {
    const story =
      'สวัสดีครับ ผมย้ายมาอยู่ที่นี่ได้ 3 ปี เพิ่งเห็นประกาศที่หน้าเทศบาล อยากทราบว่าข้อ 5 ของมาตรการตรวจสอบการใช้ดุลพินิจว่าไว้ว่าอย่างไรครับ';
    expect(stated(answer(story).reply)).toMatch(/^กำหนดให้บุคลากรรายงาน/);
    const long = 'ดิฉันอยู่ต่างจังหวัดมานาน ลูกโทรมาบอกว่าบ้านเราได้รางวัล อยากรู้ว่าเทศบาลได้คะแนน ita เท่าไหร่ ปีงบ ๒๕๖๘ จ้า';
    expect(stated(answer(long).reply)).toMatch(/93\.05/);
  });

  it('when more of something is asked ("เพิ่มเติม"), then it is the frame and the measure\'s wording answers', () => {
    expect(readQuestion('มีข้อมูลเพิ่มเติมไหม').subject).not.toContain('เพิ่ม');
    expect(stated(answer('มาตรการเผยแพร่ข้อมูลบอกว่าควรเพิ่มเติมช่องทางไหน').reply)).toMatch(/ควรมีช่องทางการแจ้งเบาะแส/);
  });

  it('when what an office must do is asked ("มีหน้าที่อะไร", "ต้องทำอะไรบ้าง"), then the clause naming it as doer answers', () => {
    expect(readQuestion('กองคลังมีหน้าที่อะไร').kind).toBe('how');
    expect(stated(answer('งานประชาสัมพันธ์รับผิดชอบงานอะไรบ้าง').reply)).toMatch(/^งานประชาสัมพันธ์ สำนักปลัดเทศบาล/);
    expect(stated(answer('งานประชาสัมพันธ์ต้องสรุปสถิติอะไรบ้าง').reply)).toMatch(/สรุปข้อมูลสถิติ/);
  });

  it('when a story finds nothing as a whole, then its last sentences that ask something are the question', () => {
    const story = 'ผมกลับมาเยี่ยมบ้านช่วงปีใหม่ เห็นป้ายเรื่องความโปร่งใสติดอยู่หน้าเทศบาล เลยสงสัยว่าหน่วยไหนต้องนำข้อมูลขึ้นเว็บไซต์หลักครับ';
    expect(stated(answer(story).reply)).toMatch(/^งานประชาสัมพันธ์/);
  });

  it('when who an agency is is asked ("คือใคร", "who is"), then what its name stands for; who holds a field stays that field', () => {
    expect(stated(answer('ปปท เป็นใคร').reply)).toBe('pacc-name');
    expect(stated(answer('who is the NACC').reply)).toBe('nacc-name');
    expect(stated(answer('ผู้รับผิดชอบมาตรการดุลพินิจคือใคร').reply)).toBe('ทุกส่วนราชการ');
  });

  it('when residents name themselves as kin (ป้า, ลุง, ยาย, Isan ข้อย), then those words are no subject', () => {
    expect(readQuestion('ลุงอยากรู้ว่าเทศบาลได้คะแนนเท่าไหร่').subject).not.toContain('ลุง');
    expect(stated(answer('ยายอยากรู้ว่าใครเซ็นประกาศจ้ะ').reply)).toMatch(/^นายอุดม วงบุตดา/);
  });

  it('when how often is asked ("ทุกกี่เดือน"), then the clause stating how often ("รายไตรมาส") outranks one sharing more words', () => {
    expect(stated(answer('ต้องรายงานผู้บริหารทุกกี่เดือน').reply)).toMatch(/รายไตรมาส/);
  });

  it('when English asks "by whom", then the preposition and the pronoun are no subject', () => {
    expect(stated(answer('the announcement was signed by whom').reply)).toMatch(/^นายอุดม วงบุตดา/);
  });

  it('when staff asking for money is only supposed ("ถ้า…", "หาก…"), then where to report is answered; told as it happened, it is a tip', () => {
    expect(understand('ถ้าโดนเจ้าหน้าที่เรียกเงินค่าใบอนุญาต ต้องแจ้งใคร', index).intent).toBe('search');
    expect(understand('มีเจ้าหน้าที่เรียกเงินค่าใบอนุญาตจากผม', index).intent).toBe('tip');
  });

  it('when which year did better is asked ("มากกว่ากัน"), then the years are compared', () => {
    expect(readTime('ปีไหนคะแนนสูงกว่ากัน').compare).toBe(true);
    expect(readTime('ได้คะแนนมากกว่า 90 ไหม').compare).toBe(false);
  });

  it('when a budget amount is claimed of a budget written in Thai digits, then the amounts are compared', () => {
    const unit = answers.book.inYear('measure:1/budget', answers.book.years[0]!)!;
    const written = { ...unit, value: '๕,๐๐๐ บาท' };
    expect(claimVerdict(answers.book, written, readQuestion('มาตรการที่ 1 ใช้งบ 5,000 บาทใช่ไหม'))).toBe(true);
    expect(claimVerdict(answers.book, written, readQuestion('มาตรการที่ 1 ใช้งบ 3,000 บาทใช่ไหม'))).toBe(false);
  });

  it('when a measure is asked "when" in words that are its title\'s synonyms, then its period answers, not a clause sharing them', () => {
    expect(stated(answer('when does the discretion measure run').reply)).toBe('ปีงบประมาณ ๒๕๖๘');
    expect(stated(answer('มาตรการเปิดเผยข้อมูลทำช่วงไหน').reply)).toBe('ปีงบประมาณ ๒๕๖๘');
  });

  it('when the question names a doer by the start of its name ("ผู้บริหาร"), then the other doer the clause ties to the act is stated', () => {
    const reply = answer('ผู้บริหารต้องตรวจสอบการใช้ดุลพินิจของใคร').reply;
    expect(reply.type === 'fact' && reply.stated).toBe('ของผู้ใต้บังคับบัญชา');
    expect(stated(answer('ita ปีนี้ได้เกรดอะไร').reply)).toMatch(/93\.05/);
  });
});
