import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/content/answers/answer-question.js';
import { shippedAnswers, type AskShipped } from '../../helpers/shipped-answers.js';

/**
 * A measure's own wording answers "who/how/how often" only when the question names the measure
 * by its title; a measure the search only guessed from shared words is no measure asked about.
 */
describe('a measure named, or only guessed', () => {
  let answer: AskShipped;
  beforeAll(async () => {
    answer = await shippedAnswers();
  });

  const first = (reply: Reply): { field: string; label: string } => {
    if (reply.type !== 'fact') throw new Error(`not a fact: ${reply.type}`);
    return { field: reply.units[0]!.field, label: reply.units[0]!.label };
  };

  it('when staff breaking the law is asked whom to report to, then the clause naming the superior answers, not a measure sharing "ไม่"', () => {
    for (const q of ['พนักงานทำงานไม่เป็นไปตามกฎหมาย ต้องรายงานใคร', 'เจ้าหน้าที่ปฏิบัติงานไม่เป็นไปตามกฎหมาย ต้องรายงานใคร']) {
      const unit = first(answer(q));
      expect(unit.field, q).toBe('clause');
      expect(unit.label, q).toMatch(/ข้อ ๕ มาตรการตรวจสอบการใช้ดุลพินิจ/);
    }
  });

  it("when the Do & Don't measure is named by its title, then its own wording still answers who makes the manual", () => {
    const unit = first(answer('ใครเป็นคนจัดทำคู่มือการทำงาน ตามมาตรการจริยธรรม'));
    expect(['method', 'summary', 'outcome']).toContain(unit.field);
    expect(unit.label).toMatch(/มาตรการที่ 1/);
  });
});
