import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { main as importMain } from '../../src/cli/import.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { toArabicDigits } from '../../src/thai/digits.js';
import { seedText } from '../content/document-fixtures.js';

/** One line of a fact-question file: what the first text must match, and the conversation. */
export interface FactQuestion {
  expected: RegExp;
  turns: string[];
  source: string;
  heldOut: boolean;
  line: string;
}

/** Reads a file in the format of ../shared/fact-examples.tsv; `alternate` marks every second line held out. */
export function readFactQuestions(file: string, source: string, alternate: boolean): FactQuestion[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return lines.map((line, index) => {
    const [pattern, question] = line.split('\t');
    if (!pattern || !question) throw new Error(`${source}: malformed line "${line}"`);
    return {
      expected: new RegExp(pattern.trim()),
      turns: question.split('=>').map((t) => t.trim()),
      source,
      heldOut: alternate && index % 2 === 1,
      line,
    };
  });
}

export const FACT_FILES = {
  shared: path.join(PROJECT_ROOT, '..', 'shared', 'fact-examples.tsv'),
  own: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions.tsv'),
  fresh: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-fresh.tsv'),
  heldOut: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout.tsv'),
  heldOut2: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-2.tsv'),
  heldOut3: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-3.tsv'),
  heldOut4: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-4.tsv'),
  heldOut5: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-5.tsv'),
  heldOut6: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-6.tsv'),
  heldOut7: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-7.tsv'),
  heldOut8: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-8.tsv'),
  heldOut9: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-9.tsv'),
  heldOut10: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-10.tsv'),
  heldOut11: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-11.tsv'),
  heldOut12: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-12.tsv'),
  heldOut13: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-13.tsv'),
  heldOut14: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-14.tsv'),
  heldOut15: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-15.tsv'),
  heldOut16: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-16.tsv'),
  heldOut17: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-17.tsv'),
  heldOut18: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-18.tsv'),
  heldOut19: path.join(PROJECT_ROOT, 'test', 'fixtures', 'fact-questions-heldout-19.tsv'),
};

/**
 * The seed as the same report one year earlier: fiscal year 2567 everywhere, another score,
 * another signer, and a budget for the first measure, so a year asked for shows.
 */
export function previousYearText(): string {
  return seedText()
    .replaceAll('๒๕๖๘', '๒๕๖๗')
    .replace('๙๓.๐๕', '๘๘.๕๐')
    .replace('นายอุดม วงบุตดา', 'นายสมศักดิ์ ทดสอบ')
    .replace('ไม่ใช้งบประมาณ', '๕,๐๐๐ บาท');
}

/** Imports the 2567 document into DATA_DIR with `npm run import`'s own code, as staff would. */
export async function importPreviousYear(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'ita-2567.txt');
  await writeFile(file, previousYearText());
  const errors: string[] = [];
  const code = await importMain(
    [file],
    { DATA_DIR: dataDir },
    { out: () => undefined, err: (line) => errors.push(line), cwd: dataDir },
  );
  if (code !== 0) throw new Error(`import of the 2567 document failed: ${errors.join('; ')}`);
}

/** The first text a resident reads in a message: a text message's, or a Flex bubble's first text component. */
export function firstText(message: messagingApi.Message | undefined): string {
  if (!message) return '';
  if (message.type === 'text') return message.text;
  if (message.type !== 'flex') return '';
  const bubble = message.contents.type === 'carousel' ? message.contents.contents[0] : message.contents;
  for (const part of [bubble?.header, bubble?.hero, bubble?.body, bubble?.footer]) {
    const found = part && firstTextIn(part);
    if (found) return found;
  }
  return '';
}

function firstTextIn(component: messagingApi.FlexComponent): string | undefined {
  if (component.type === 'text') return component.text ?? component.contents?.map((span) => span.text).join('');
  if (component.type === 'box') {
    for (const child of component.contents) {
      const found = firstTextIn(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** Thai digits count as Arabic ones when matching. */
export function matches(expected: RegExp, text: string): boolean {
  return expected.test(text) || expected.test(toArabicDigits(text));
}
