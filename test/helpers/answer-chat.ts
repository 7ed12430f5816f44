import type { messagingApi } from '@line/bot-sdk';
import { startBot, type TestBot } from './bot.js';
import { textEvent, userId } from './events.js';
import { firstText, importPreviousYear } from './fact-questions.js';
import { tempDir } from './temp-dir.js';

/** The bot with the shipped 2568 report and a 2567 copy imported, asked as residents ask it. */
export interface AnswerChat {
  bot: TestBot;
  /** A conversation of one new user; the first text of the last reply's first message. */
  ask(...turns: string[]): Promise<string>;
}

/** Starts the bot on a fresh data folder; `firstUser` keeps each file's users apart. */
export async function startAnswerChat(prefix: string, firstUser: number): Promise<AnswerChat> {
  const dataDir = await tempDir(prefix);
  await importPreviousYear(dataDir);
  const bot = await startBot({ dataDir });
  let users = firstUser;
  return {
    bot,
    async ask(...turns) {
      const user = userId((users += 1));
      for (const turn of turns) await bot.send(textEvent(user, turn));
      const body = bot.line.replies().at(-1)?.body as { messages: messagingApi.Message[] } | undefined;
      return firstText(body?.messages[0]);
    },
  };
}
