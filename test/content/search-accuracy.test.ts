import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isReportingQuestion } from '../../src/content/matching/tip-intent.js';
import { understand, type Understanding } from '../../src/bot/understand.js';
import type { SearchItem } from '../../src/content/search-items.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { measureOrder, shippedSearch, type ShippedSearch } from '../helpers/shipped-search.js';

/**
 * Top-1 accuracy of understanding + search on the shipped content, over the resident questions
 * in ../shared/qa-examples.tsv and test/fixtures/questions.tsv. The fixture alternates a tuning
 * half and a held-out half (odd and even question lines); both are reported.
 */

interface Question {
  expected: string;
  text: string;
  source: string;
  heldOut: boolean;
}

const MEASURE_CATEGORIES: Record<number, string> = { 1: 'ethics', 2: 'discretion', 3: 'disclosure' };

function readQuestions(file: string, source: string, alternate: boolean): Question[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return lines.map((line, index) => {
    const [expected, text] = line.split('\t');
    if (!expected || !text) throw new Error(`${source}: malformed line "${line}"`);
    return { expected: expected.trim(), text, source, heldOut: alternate && index % 2 === 1 };
  });
}

function categoryOfItem(shipped: ShippedSearch, item: SearchItem): string {
  if (item.kind === 'measure' || item.kind === 'section') {
    const order = measureOrder(shipped, item);
    if (order !== null) return MEASURE_CATEGORIES[order] ?? `measure ${order}`;
    return item.kind === 'section' ? 'announcement' : 'measure';
  }
  return item.kind;
}

function categoryOf(shipped: ShippedSearch, result: Understanding): string {
  // Small talk is answered with no document and no action: the category of "none".
  if (result.intent === 'greeting' || result.intent === 'thanks') return 'none';
  if (result.intent !== 'search') return result.intent;
  // Asking how or where to report is answered with the channels (issue 10), not the tip flow.
  if (isReportingQuestion(result.shape.said, result.shape.kind, result.shape.fields)) return 'report-info';
  return result.best ? categoryOfItem(shipped, result.best.item) : 'none';
}

function report(label: string, rows: { question: Question; got: string }[]): number {
  const misses = rows.filter((r) => r.got !== r.question.expected);
  const accuracy = (rows.length - misses.length) / rows.length;
  console.log(`${label}: ${rows.length - misses.length}/${rows.length} = ${(accuracy * 100).toFixed(1)}%`);
  for (const miss of misses) {
    console.log(
      `  miss [${miss.question.source}] expected ${miss.question.expected}, got ${miss.got}: ${miss.question.text}`,
    );
  }
  return accuracy;
}

describe('search accuracy on the shipped content', () => {
  let shipped: ShippedSearch;
  let questions: Question[];
  beforeAll(async () => {
    shipped = await shippedSearch();
    questions = [
      ...readQuestions(path.join(PROJECT_ROOT, '..', 'shared', 'qa-examples.tsv'), 'qa-examples', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions.tsv'), 'questions', true),
      // Written blind by another helper (no bot code or tests read, the bot never run).
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-5.tsv'), 'held-out-5', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-6.tsv'), 'held-out-6', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-7.tsv'), 'held-out-7', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-8.tsv'), 'held-out-8', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-9.tsv'), 'held-out-9', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-10.tsv'), 'held-out-10', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-11.tsv'), 'held-out-11', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-12.tsv'), 'held-out-12', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-13.tsv'), 'held-out-13', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-14.tsv'), 'held-out-14', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-15.tsv'), 'held-out-15', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-16.tsv'), 'held-out-16', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-17.tsv'), 'held-out-17', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-18.tsv'), 'held-out-18', false),
      ...readQuestions(path.join(PROJECT_ROOT, 'test', 'fixtures', 'questions-heldout-19.tsv'), 'held-out-19', false),
    ];
  });

  it('when every example and fixture question is asked, then at least 95% get the expected first answer', () => {
    expect(questions.filter((q) => q.source === 'questions').length).toBeGreaterThanOrEqual(80);
    const rows = questions.map((question) => ({
      question,
      got: categoryOf(shipped, understand(question.text, shipped.index)),
    }));
    const all = report('top-1 accuracy, all lines', rows);
    report(
      '  qa-examples.tsv',
      rows.filter((r) => r.question.source === 'qa-examples'),
    );
    report(
      '  questions.tsv, tuning half',
      rows.filter((r) => r.question.source === 'questions' && !r.question.heldOut),
    );
    report(
      '  questions.tsv, held-out half',
      rows.filter((r) => r.question.heldOut),
    );
    report(
      '  questions-heldout-5.tsv (written blind by another helper, first run 22/25 = 88.0%)',
      rows.filter((r) => r.question.source === 'held-out-5'),
    );
    report(
      '  questions-heldout-6.tsv (written blind, kept until the fifth set was fixed; first run 21/25 = 84.0%)',
      rows.filter((r) => r.question.source === 'held-out-6'),
    );
    report(
      '  questions-heldout-7.tsv (written blind, kept until the fifth set was fixed; first run 23/25 = 92.0%)',
      rows.filter((r) => r.question.source === 'held-out-7'),
    );
    report(
      '  questions-heldout-8.tsv (written blind, kept until sets 6 and 7 were fixed; first run 21/25 = 84.0%)',
      rows.filter((r) => r.question.source === 'held-out-8'),
    );
    report(
      '  questions-heldout-9.tsv (written blind, kept until sets 6 and 7 were fixed; first run 24/25 = 96.0%)',
      rows.filter((r) => r.question.source === 'held-out-9'),
    );
    report(
      '  questions-heldout-10.tsv (written blind, kept until sets 8 and 9 were fixed; first run 19/20 = 95.0%)',
      rows.filter((r) => r.question.source === 'held-out-10'),
    );
    report(
      '  questions-heldout-11.tsv (written blind, kept until sets 8 and 9 were fixed; first run 18/20 = 90.0%)',
      rows.filter((r) => r.question.source === 'held-out-11'),
    );
    report(
      '  questions-heldout-12.tsv (written blind, kept until sets 10 and 11 were fixed; first run 17/20 = 85.0%)',
      rows.filter((r) => r.question.source === 'held-out-12'),
    );
    report(
      '  questions-heldout-13.tsv (written blind, kept until sets 10 and 11 were fixed; first run 18/20 = 90.0%)',
      rows.filter((r) => r.question.source === 'held-out-13'),
    );
    report(
      '  questions-heldout-14.tsv (written blind, kept until sets 12 and 13 were fixed; first run 19/20 = 95.0%)',
      rows.filter((r) => r.question.source === 'held-out-14'),
    );
    report(
      '  questions-heldout-15.tsv (written blind, kept until sets 12 and 13 were fixed; first run 20/20 = 100.0%)',
      rows.filter((r) => r.question.source === 'held-out-15'),
    );
    report(
      '  questions-heldout-16.tsv (written blind, run once before the fixes for sets 14 and 15; first run 19/20 = 95.0%)',
      rows.filter((r) => r.question.source === 'held-out-16'),
    );
    report(
      '  questions-heldout-17.tsv (written blind, run once before the fixes for sets 14 and 15; first run 20/20 = 100.0%)',
      rows.filter((r) => r.question.source === 'held-out-17'),
    );
    report(
      '  questions-heldout-18.tsv (written blind, kept until the fixes for sets 14 to 17 were done; first run 19/20 = 95.0%)',
      rows.filter((r) => r.question.source === 'held-out-18'),
    );
    report(
      '  questions-heldout-19.tsv (written blind, kept until the fixes for sets 14 to 17 were done; first run 19/20 = 95.0%)',
      rows.filter((r) => r.question.source === 'held-out-19'),
    );
    expect(all).toBeGreaterThanOrEqual(0.95);
  });
});
