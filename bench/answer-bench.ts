import { pathToFileURL } from 'node:url';
import { understand } from '../src/bot/understand.js';
import { answerQuestion } from '../src/content/answers/answer-question.js';
import { FactBook } from '../src/content/answers/fact-book.js';
import { loadServiceFacts } from '../src/content/answers/service-facts.js';
import { shippedSearch } from '../test/helpers/shipped-search.js';
import { fmt } from './stats.js';
import { questionFor, WORDINGS } from './webhook-bench.js';

const ROUNDS = 9;

/**
 * The webhook bench's "every text new" round without the HTTP around it: its 960 wordings
 * understood and answered in turn, in this process (each is new to the bot's memory of 500
 * questions). CPU per question, the median of nine rounds: with no second bot and no sockets it
 * moves far less on a shared machine than the webhook ratio, so it is the figure to compare when
 * understanding or answering changes. Not part of `npm run bench` (it has no baseline of its own):
 * after `npm run build`, `node dist/bench/answer-bench.js` prints it, and with `node --cpu-prof`
 * in front, profiles it.
 */
export async function benchAnswers(): Promise<number> {
  const { docs, synonyms, index } = await shippedSearch();
  const book = new FactBook(docs, synonyms, loadServiceFacts());
  const ask = (n: number): void => {
    const u = understand(questionFor(n, 'new'), index);
    if (u.intent === 'search') answerQuestion(book, u, null);
  };
  for (let n = 0; n < WORDINGS; n++) ask(n);
  const perQuestion: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    for (let n = 0; n < WORDINGS; n++) ask(n);
    const used = process.cpuUsage(before);
    perQuestion.push((used.user + used.system) / WORDINGS);
  }
  const median = perQuestion.sort((a, b) => a - b)[ROUNDS >> 1]!;
  console.log(
    `answers: the webhook round's ${WORDINGS} wordings understood and answered in this process: ${fmt(median, 0)} µs CPU per question (median of ${ROUNDS} rounds, ${fmt(perQuestion[0]!, 0)}–${fmt(perQuestion.at(-1)!, 0)})`,
  );
  return median;
}

// Run directly (not imported by another bench): measure.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchAnswers();
