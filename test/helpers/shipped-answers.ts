import { understand } from '../../src/bot/understand.js';
import { answerQuestion, type Reply } from '../../src/content/answers/answer-question.js';
import { createAnswers } from '../../src/content/answers/answers.js';
import { SearchIndex } from '../../src/content/search-index.js';
import { shippedSearch } from './shipped-search.js';

/** Asks a search question of the shipped content as a new user: the reply before it is drawn. */
export type AskShipped = (text: string) => Reply;

/** The shipped documents' index and fact book, asked through understanding as the bot asks them. */
export async function shippedAnswers(): Promise<AskShipped> {
  const shipped = await shippedSearch();
  const index = new SearchIndex(shipped.items, shipped.synonyms);
  const answers = createAnswers({ docs: shipped.docs, synonyms: shipped.synonyms, index, item: (id) => index.get(id) });
  return (text) => {
    const u = understand(text, index);
    if (u.intent !== 'search') throw new Error(`${text} is ${u.intent}`);
    return answerQuestion(answers.book, u, null).reply;
  };
}
