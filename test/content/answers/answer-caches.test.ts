import { beforeAll, describe, expect, it } from 'vitest';
import { understand } from '../../../src/bot/understand.js';
import { answerQuestion } from '../../../src/content/answers/answer-question.js';
import { createAnswers, type Answers } from '../../../src/content/answers/answers.js';
import { SearchIndex } from '../../../src/content/search-index.js';
import { shippedSearch, type ShippedSearch } from '../../helpers/shipped-search.js';

/** What is kept between questions: understandings by text, answers that do not depend on the user, synonyms shared with the fact index. */
describe('answer caches', () => {
  let shipped: ShippedSearch;
  let index: SearchIndex;
  let answers: Answers;

  beforeAll(async () => {
    shipped = await shippedSearch();
    index = new SearchIndex(shipped.items, shipped.synonyms);
    answers = createAnswers({ docs: shipped.docs, synonyms: shipped.synonyms, index, item: (id) => index.get(id) });
  });

  const ask = (text: string) => {
    const u = understand(text, index);
    if (u.intent !== 'search') throw new Error(`${text} is ${u.intent}`);
    return u;
  };

  it('when the same question comes again, then it is understood once; after the index changes, afresh; a tip is never kept', () => {
    const first = ask('ใครลงนามในประกาศ');
    expect(ask('ใครลงนามในประกาศ')).toBe(first);
    index.add([{ ...shipped.items[0]!, id: 'extra-item' }]);
    expect(ask('ใครลงนามในประกาศ')).not.toBe(first);
    index.remove('extra-item');
    const tip = 'นายกโกงเงินค่าก่อสร้างถนน';
    expect(understand(tip, index).intent).toBe('tip');
    expect(understand(tip, index)).not.toBe(understand(tip, index));
    const receipt = 'สถานะ 1234 5678 9012 3456';
    expect(understand(receipt, index).intent).toBe('status');
    expect(understand(receipt, index)).not.toBe(understand(receipt, index));
    expect(understand('มาตรการ', index)).toBe(understand('มาตรการ', index));
  });

  it("when a question names its subject, then its answer is the same for every user; a follow-up still reads the user's own context", () => {
    const named = ask('มาตรการตรวจสอบการใช้ดุลพินิจใช้งบเท่าไหร่');
    const a = answerQuestion(answers.book, named, null);
    const b = answerQuestion(answers.book, named, { family: 'measure:3', key: 'measure:3/owner', year: 2568 });
    expect(b.reply).toBe(a.reply);
    expect(a.context).toMatchObject({ family: 'measure:2' });
    const follow = ask('แล้วใครรับผิดชอบ');
    const own = (family: string) => answerQuestion(answers.book, follow, { family, key: null, year: 2568 }).reply;
    expect(JSON.stringify(own('measure:1'))).toContain('measure:1/owner');
    expect(JSON.stringify(own('measure:3'))).toContain('measure:3/owner');
  });

  it('when an answer keeps the previous subject (a field not held), then a kept answer hands each user their own context back', () => {
    const q = ask('เบอร์โทรนายกเทศมนตรี');
    const first = answerQuestion(answers.book, q, null);
    expect(first.reply.type).toBe('not-held');
    const mine = { family: 'measure:1', key: null, year: 2568 };
    expect(answerQuestion(answers.book, q, mine).context).toBe(mine);
    expect(answerQuestion(answers.book, q, null).context).toBeNull();
  });

  it('when staff add a synonym to the item index, then the fact index searches with it at once', () => {
    const word = 'ปุ่มฟ้า';
    expect(answers.book.search(word)).toEqual([]);
    index.setSynonyms([...shipped.synonyms, [word, 'ผู้ลงนาม']]);
    expect(answers.book.search(word).map(({ unit }) => unit.field)).toContain('signer');
  });
});
