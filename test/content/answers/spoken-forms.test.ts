import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/content/answers/answer-question.js';
import { readQuestion } from '../../../src/content/answers/read-question.js';
import { readTime } from '../../../src/content/answers/question-time.js';
import { containsTypoOf } from '../../../src/content/answers/question-kind.js';
import { FIELD_PHRASES } from '../../../src/content/answers/question-kinds.js';
import { readUtterance } from '../../../src/content/matching/phrase-match.js';
import { shippedAnswers, type AskShipped } from '../../helpers/shipped-answers.js';

/**
 * How residents say things the blind sets 18 and 19 found unread, asked in other words than
 * those lines: Isan pointing words, "ถูกไหม", a full name asked as forms ask it, a number
 * claimed of an office, spellings of Facebook, "public", the receipt number and street lights.
 */
describe('spoken forms of questions', () => {
  let answer: AskShipped;
  beforeAll(async () => {
    answer = await shippedAnswers();
  });

  /** What the first bubble states: the fact's value, or the service fact's id. */
  const stated = (reply: Reply): string => {
    if (reply.type === 'service') return reply.fact.id;
    if (reply.type !== 'fact') return reply.type;
    return reply.units.map((u) => `${u.value} ${u.quote}`).join(' ');
  };

  it('when Isan pointing words follow the thing named ("หั่นแหละ"), then they are no subject', () => {
    expect(readQuestion('มาตรการดุลพินิจหั่นแหละ ใช้งบเท่าใด').subject).toBe('มาตรการ ดุลพินิจ');
    expect(readQuestion('ประกาศ หั่นแหละ ลงวันที่ไหน').subject).toBe('ประกาศ');
    expect(stated(answer('ข้อย ได้ยินเรื่องมาตรการดุลพินิจ หั่นแหละ มันใช้งบเท่าใด'))).not.toBe('none');
  });

  it('when a claim is asked "ถูกไหม" / "ถูกต้องหรือเปล่า", then it is a yes/no question', () => {
    expect(readQuestion('ประกาศลงนามโดยนายก ถูกต้องหรือเปล่า').kind).toBe('yesno');
    expect(readQuestion('คะแนน 93.05 ถูกบ่').kind).toBe('yesno');
  });

  it('when an office is named with a number in a yes/no, then its channel answers, whatever the number', () => {
    expect(stated(answer('ป.ป.ท. 1206 ถูกบ่'))).toBe('pacc-hotline');
    expect(stated(answer('ดำรงธรรมโทร 1111 ใช่มั้ย'))).toBe('damrongtham-hotline');
    // A clause's number is no phone number: the clause is asked about.
    expect(answer('ข้อ 2.2 พูดถึงศูนย์ดำรงธรรมใช่ไหม').type).toBe('fact');
    // A budget claimed of a measure stays a claim about the measure.
    expect(answer('มาตรการที่ 2 ใช้งบ 3,000 บาทใช่ไหม').type).toBe('fact');
  });

  it('when the signer is asked for with "ชื่อและนามสกุล" or "full name", then the signer is stated', () => {
    expect(readQuestion('ขอชื่อและนามสกุลคนเซ็นประกาศ').fields).toEqual(['signer']);
    expect(stated(answer('ประกาศ ผู้ลงนาม นามสกุลอะไร'))).toMatch(/อุดม\s*วงบุตดา/u);
    expect(stated(answer('full name of the person who signed the announcement'))).toMatch(/อุดม\s*วงบุตดา/u);
  });

  it('when the announcement is asked for its name, then its subject is stated, not who issued it', () => {
    expect(stated(answer('ประกาศฉบับนี้ชื่อว่าอะไร'))).toMatch(/ส่งเสริมคุณธรรมและความโปร่งใส/u);
    expect(stated(answer('ประกาศฉบับนั้นชื่ออะไรนะ'))).toMatch(/ส่งเสริมคุณธรรมและความโปร่งใส/u);
  });

  it('when Facebook is spelt เฟสบุ๊ก or เฟซบุ๊ค, or "public" is said of disclosure, then the disclosure wording is found', () => {
    expect(stated(answer('มีเผยแพร่ข่าวทางเฟซบุ๊คหรือเปล่า'))).toMatch(/Facebook/u);
    expect(stated(answer('เทศบาลมีเฟสบุ๊กไหม'))).toMatch(/Facebook/u);
    expect(stated(answer('what period does the public disclosure measure cover'))).toMatch(/๒๕๖๘|2568/u);
  });

  it('when the number a tip gets is asked in other words, then how to follow a tip up (its 16 digits) answers', () => {
    expect(stated(answer('ส่งเรื่องแล้วได้เลขอ้างอิงกี่หลัก'))).toBe('tip-status');
    expect(stated(answer('how many digits is the tracking number'))).toBe('tip-status');
  });

  it('when a public light is out and the resident asks where to report, then Traffy Fondue answers, not the tip channel', () => {
    const reply = answer('ไฟสาธารณะหน้าวัดดับ ต้องแจ้งที่ไหน');
    expect(reply.type === 'service' && reply.fact.answer).toMatch(/Traffy Fondue/u);
    const lamp = answer('ไฟฟ้าส่องสว่างหน้าบ้านเสีย แจ้งใคร');
    expect(lamp.type === 'service' && lamp.fact.answer).toMatch(/Traffy Fondue/u);
  });

  it('when a story ends by asking only a field ("…ได้คะแนนกี่คะแนน"), then that field names the item by itself', () => {
    const story = 'สวัสดีครับ ลุงขายของชำอยู่ท้ายซอย เพื่อนบ้านเล่าให้ฟังว่าเทศบาลได้รับการประเมินคุณธรรม ปีนี้ได้คะแนนกี่คะแนน';
    expect(stated(answer(story))).toMatch(/93\.05/u);
  });

  it('when a law is named with its year ("พระราชบัญญัติ … พ.ศ. 2550"), then that year is the law\'s, not a fiscal year', () => {
    expect(readTime('มาตรการอ้างพระราชบัญญัติข้อมูลข่าวสาร พ.ศ. 2550 ใช่มั้ย')).toMatchObject({ years: [] });
    expect(readTime('the act of พ.ศ. ๒๕๔๕ is it').years).toEqual([]);
    // Without a law, พ.ศ. still names the fiscal year asked about; a year word does even beside a law.
    expect(readTime('ผลประเมิน พ.ศ. 2567').years).toEqual([2567]);
    expect(readTime('ปีงบ 2567 ทำตาม พ.ร.บ. อะไร').years).toEqual([2567]);
    expect(stated(answer('มาตรการอ้างพระราชบัญญัติข้อมูลข่าวสาร พ.ศ. 2550 ใช่มั้ย'))).toMatch(/๒๕๔๐|2540/u);
  });

  it('when an asking word as written (ชื่อ) meets the next word, then it starts no misspelt phrase; a phrase holding it still may', () => {
    expect(containsTypoOf(readUtterance('ขอชื่อประกาศหน่อย'), FIELD_PHRASES.issuer)).toBe(false);
    expect(containsTypoOf(readUtterance('ใครอกประกาศ'), FIELD_PHRASES.issuer)).toBe(true);
    expect(readQuestion('ประกาศเรืองอะไร').fields).toEqual(['subject']);
    const story = 'ป้าไปตลาดเห็นป้ายที่เทศบาลติดไว้ ตัวหนังสือเล็กมาก อ่านไม่ออก อยากรู้ว่าประกาศนั้นชื่อว่าอะไร';
    expect(stated(answer(story))).toMatch(/ส่งเสริมคุณธรรมและความโปร่งใส/u);
  });
});
