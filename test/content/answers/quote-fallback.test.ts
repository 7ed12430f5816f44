import { beforeAll, describe, expect, it } from 'vitest';
import { FactBook } from '../../../src/content/answers/fact-book.js';
import { quoteFallback, rankQuotes } from '../../../src/content/answers/quote-fallback.js';
import { readQuestion } from '../../../src/content/answers/read-question.js';
import { loadServiceFacts } from '../../../src/content/answers/service-facts.js';
import { shippedSearch } from '../../helpers/shipped-search.js';

describe('the quote fallback: the document sentence holding the question', () => {
  let book: FactBook;
  let year: number;
  beforeAll(async () => {
    const shipped = await shippedSearch();
    book = new FactBook(shipped.docs, shipped.synonyms, loadServiceFacts());
    year = book.years[0]!;
  });

  const fallback = (question: string, subjects: string[] = []) =>
    quoteFallback(book, readQuestion(question), year, subjects);

  it('when a question asks about the preamble, then its sentence is found (the preamble is quotable)', () => {
    const unit = fallback('เกณฑ์ ITA กำหนดตัวชี้วัดอะไรที่ทำให้ต้องมีมาตรการภายใน');
    expect(unit?.quote).toContain('ตัวชี้วัดการป้องกันการทุจริต');
    expect(unit?.family).toBe('announcement');
  });

  it('when the frame asks for a law, then wording naming the act is preferred to wording that only says "กฎหมาย"', () => {
    const unit = fallback('เทศบาลเปิดเผยข้อมูลข่าวสารตามกฎหมายฉบับไหน', ['measure:2', 'section:1']);
    expect(unit?.quote).toMatch(/พระราชบัญญัติข้อมูลข่าวสารของราชการ/);
  });

  it('when the frame asks who is told, then the wording saying who is told wins a tie of title words', () => {
    const found = rankQuotes(book, readQuestion('หลักเกณฑ์ตรวจสอบดุลพินิจ ประกาศให้ใครทราบบ้าง'), 'หลัก เกณฑ์ ประกาศ', year, [
      'measure:2',
      'section:1',
    ]);
    expect(found?.unit.quote).toContain('เจ้าหน้าที่และบุคคลภายนอกรับทราบ');
    expect(found?.cued).toBe(true);
  });

  it('when the documents do not hold the question, or it names only the town, then nothing is stated', () => {
    for (const question of ['ราคาข้าวเหนียววันนี้เท่าไหร่', 'ทะเบียนสมรสต้องใช้เอกสารอะไร', 'เทศบาลโพนทรายอะไร', ''])
      expect(fallback(question), question).toBeNull();
  });

  it('when a document word is misspelt, then the question still lands on its wording (repaired before splitting)', () => {
    expect(readQuestion('มาตการดุลพินิจใช้งบบ่').subject).toContain('มาตรการ');
  });
});
