import { describe, expect, it } from 'vitest';
import { askChoiceOf, readsAsQuestion } from '../../../src/tips/chat/question-check.js';

describe('readsAsQuestion (inside the tip flow)', () => {
  it('when a message asks the bot something, then it reads as a question', () => {
    for (const text of [
      'ต้องแจ้งที่ไหน',
      'มาตรการมีอะไรบ้าง',
      'ใช่ที่นี่ไหม?',
      'ร้องเรียนนายกได้ที่ไหนครับ',
      'มีกี่มาตรการ',
      'แจ้งแล้วใครเห็นบ้างคะ',
      'ใช้เวลากี่วัน',
      'ได้บ่',
      'Where do I report?',
      'who reads this',
    ]) {
      expect(readsAsQuestion(text), text).toBe(true);
    }
  });

  it('when a message tells the story or answers a step, then it does not', () => {
    for (const text of [
      'เจ้าหน้าที่กองช่างเรียกเงิน 3,000 บาท',
      'กองช่าง',
      'เมื่อวานตอนบ่ายสามโมง',
      'ไม่รู้ว่าใคร',
      'จำไม่ได้ว่าเมื่อไหร่',
      'ตลาดสดเทศบาล',
      'ข้าม',
      '',
      'เขาถามผมว่ามีเงินเท่าไหร่ แล้วบอกว่าถ้าไม่จ่ายจะไม่ออกใบอนุญาตให้ ผมจึงจ่ายไปห้าร้อยบาทที่หน้าห้องกองคลัง',
    ]) {
      expect(readsAsQuestion(text), text).toBe(false);
    }
  });

  it('when a choice is typed with spaces or quotes, then it is still that choice; other text is none', () => {
    expect(askChoiceOf(' “เป็นคำถามถึงบอท” ')).toBe('question');
    expect(askChoiceOf('ใส่ในเรื่องที่แจ้ง')).toBe('keep');
    expect(askChoiceOf('แจ้งเบาะแส ต่อ')).toBe('resume');
    expect(askChoiceOf('เป็นคำถาม')).toBeNull();
  });
});
