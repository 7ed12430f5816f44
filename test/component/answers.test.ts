import type { messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { textEvent, userId } from '../helpers/events.js';
import {
  FACT_FILES,
  firstText,
  importPreviousYear,
  matches,
  readFactQuestions,
  type FactQuestion,
} from '../helpers/fact-questions.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Fact questions through the whole bot (signed webhooks, replies read from the LINE stand-in):
 * the first text of the reply's first bubble must state the fact. The bot holds the shipped
 * 2568 document and a 2567 copy imported with the real importer. Each question is asked by a
 * new user, so no follow-up context leaks between lines.
 */
describe('answers at the grain of facts', () => {
  let bot: TestBot;
  let users = 5000;
  const questions = [
    ...readFactQuestions(FACT_FILES.shared, 'fact-examples', false),
    ...readFactQuestions(FACT_FILES.own, 'fact-questions', true),
    ...readFactQuestions(FACT_FILES.fresh, 'fresh', false),
    ...readFactQuestions(FACT_FILES.heldOut, 'held-out', false),
    ...readFactQuestions(FACT_FILES.heldOut2, 'held-out-2', false),
    ...readFactQuestions(FACT_FILES.heldOut3, 'held-out-3', false),
    ...readFactQuestions(FACT_FILES.heldOut4, 'held-out-4', false),
    // Written blind by another helper (no bot code or tests read, the bot never run).
    ...readFactQuestions(FACT_FILES.heldOut5, 'held-out-5', false),
    // Written blind at the same time and kept by the lead until the fifth set's fixes were done.
    ...readFactQuestions(FACT_FILES.heldOut6, 'held-out-6', false),
    ...readFactQuestions(FACT_FILES.heldOut7, 'held-out-7', false),
    // Written blind later and kept by the lead until sets 6 and 7 were fixed.
    ...readFactQuestions(FACT_FILES.heldOut8, 'held-out-8', false),
    ...readFactQuestions(FACT_FILES.heldOut9, 'held-out-9', false),
    // Written blind later and kept by the lead until sets 8 and 9 were fixed.
    ...readFactQuestions(FACT_FILES.heldOut10, 'held-out-10', false),
    ...readFactQuestions(FACT_FILES.heldOut11, 'held-out-11', false),
    // Written blind last and kept by the lead until the fixes for sets 10 and 11 were done.
    ...readFactQuestions(FACT_FILES.heldOut12, 'held-out-12', false),
    ...readFactQuestions(FACT_FILES.heldOut13, 'held-out-13', false),
    // Written blind last and kept by the lead until the fixes for sets 12 and 13 were done.
    ...readFactQuestions(FACT_FILES.heldOut14, 'held-out-14', false),
    ...readFactQuestions(FACT_FILES.heldOut15, 'held-out-15', false),
    // Written blind and run once by the lead before the fixes for sets 14 and 15.
    ...readFactQuestions(FACT_FILES.heldOut16, 'held-out-16', false),
    ...readFactQuestions(FACT_FILES.heldOut17, 'held-out-17', false),
    // Written blind at the same time as 16 and 17 and kept by the lead until the fixes for sets 14 to 17 were done.
    ...readFactQuestions(FACT_FILES.heldOut18, 'held-out-18', false),
    ...readFactQuestions(FACT_FILES.heldOut19, 'held-out-19', false),
  ];

  beforeAll(async () => {
    const dataDir = await tempDir('answers-');
    await importPreviousYear(dataDir);
    bot = await startBot({ dataDir });
  });
  afterAll(() => bot.close());

  async function ask(question: FactQuestion): Promise<string> {
    const user = userId((users += 1));
    for (const turn of question.turns) await bot.send(textEvent(user, turn));
    const last = bot.line.replies().at(-1)?.body as { messages: messagingApi.Message[] } | undefined;
    return firstText(last?.messages[0]);
  }

  function report(label: string, rows: { question: FactQuestion; got: string; ok: boolean }[]): number {
    const hits = rows.filter((r) => r.ok).length;
    console.log(`${label}: ${hits}/${rows.length} = ${((hits / rows.length) * 100).toFixed(1)}%`);
    for (const miss of rows.filter((r) => !r.ok))
      console.log(
        `  miss [${miss.question.source}] /${miss.question.expected.source}/ ← ${miss.question.turns.join(' => ')}\n       got: ${miss.got.slice(0, 160)}`,
      );
    return rows.length === 0 ? 1 : hits / rows.length;
  }

  it('when each fact question is asked, then at least 95% of first bubbles state the fact, and every reply passes the LINE checker', async () => {
    expect(questions.filter((q) => q.source === 'fact-questions').length).toBeGreaterThanOrEqual(150);
    const rows = [];
    for (const question of questions) {
      const got = await ask(question);
      rows.push({ question, got, ok: matches(question.expected, got) });
    }
    const all = report('fact answers, all lines', rows);
    report(
      '  fact-examples.tsv',
      rows.filter((r) => r.question.source === 'fact-examples'),
    );
    report(
      '  fact-questions.tsv, tuning half',
      rows.filter((r) => r.question.source === 'fact-questions' && !r.question.heldOut),
    );
    report(
      '  fact-questions.tsv, held-out half',
      rows.filter((r) => r.question.heldOut),
    );
    report(
      '  fact-questions-fresh.tsv (written after tuning)',
      rows.filter((r) => r.question.source === 'fresh'),
    );
    report(
      '  fact-questions-heldout.tsv (written before the second round of fixes; first run 23/27, then its misses were fixed)',
      rows.filter((r) => r.question.source === 'held-out'),
    );
    report(
      '  fact-questions-heldout-2.tsv (written after those fixes, never tuned on)',
      rows.filter((r) => r.question.source === 'held-out-2'),
    );
    report(
      "  fact-questions-heldout-3.tsv (written before the fixes for the lead's five misses, never tuned on)",
      rows.filter((r) => r.question.source === 'held-out-3'),
    );
    report(
      '  fact-questions-heldout-4.tsv (written after those fixes, never tuned on)',
      rows.filter((r) => r.question.source === 'held-out-4'),
    );
    report(
      '  fact-questions-heldout-5.tsv (written blind by another helper, first run 33/45 = 73.3%)',
      rows.filter((r) => r.question.source === 'held-out-5'),
    );
    report(
      '  fact-questions-heldout-6.tsv (written blind, kept until the fifth set was fixed; first run 32/45 = 71.1%)',
      rows.filter((r) => r.question.source === 'held-out-6'),
    );
    report(
      '  fact-questions-heldout-7.tsv (written blind, kept until the fifth set was fixed; first run 35/45 = 77.8%)',
      rows.filter((r) => r.question.source === 'held-out-7'),
    );
    report(
      '  fact-questions-heldout-8.tsv (written blind, kept until sets 6 and 7 were fixed; first run 42/45 = 93.3%)',
      rows.filter((r) => r.question.source === 'held-out-8'),
    );
    report(
      '  fact-questions-heldout-9.tsv (written blind, kept until sets 6 and 7 were fixed; first run 33/45 = 73.3%)',
      rows.filter((r) => r.question.source === 'held-out-9'),
    );
    report(
      '  fact-questions-heldout-10.tsv (written blind, kept until sets 8 and 9 were fixed; first run 35/40 = 87.5%)',
      rows.filter((r) => r.question.source === 'held-out-10'),
    );
    report(
      '  fact-questions-heldout-11.tsv (written blind, kept until sets 8 and 9 were fixed; first run 36/40 = 90.0%)',
      rows.filter((r) => r.question.source === 'held-out-11'),
    );
    report(
      '  fact-questions-heldout-12.tsv (written blind, kept until sets 10 and 11 were fixed; first run 31/40 = 77.5%)',
      rows.filter((r) => r.question.source === 'held-out-12'),
    );
    report(
      '  fact-questions-heldout-13.tsv (written blind, kept until sets 10 and 11 were fixed; first run 32/40 = 80.0%)',
      rows.filter((r) => r.question.source === 'held-out-13'),
    );
    report(
      '  fact-questions-heldout-14.tsv (written blind, kept until sets 12 and 13 were fixed; first run 36/40 = 90.0%)',
      rows.filter((r) => r.question.source === 'held-out-14'),
    );
    report(
      '  fact-questions-heldout-15.tsv (written blind, kept until sets 12 and 13 were fixed; first run 33/40 = 82.5%)',
      rows.filter((r) => r.question.source === 'held-out-15'),
    );
    report(
      '  fact-questions-heldout-16.tsv (written blind, run once before the fixes for sets 14 and 15; first run 33/40 = 82.5%)',
      rows.filter((r) => r.question.source === 'held-out-16'),
    );
    report(
      '  fact-questions-heldout-17.tsv (written blind, run once before the fixes for sets 14 and 15; first run 31/40 = 77.5%)',
      rows.filter((r) => r.question.source === 'held-out-17'),
    );
    report(
      '  fact-questions-heldout-18.tsv (written blind, kept until the fixes for sets 14 to 17 were done; first run 37/40 = 92.5%)',
      rows.filter((r) => r.question.source === 'held-out-18'),
    );
    report(
      '  fact-questions-heldout-19.tsv (written blind, kept until the fixes for sets 14 to 17 were done; first run 32/40 = 80.0%)',
      rows.filter((r) => r.question.source === 'held-out-19'),
    );
    bot.expectAllLineCallsValid();
    expect(rows.filter((r) => r.question.source === 'fact-examples' && !r.ok).map((r) => r.question.line)).toEqual([]);
    expect(all).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
