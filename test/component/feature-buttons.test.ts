import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_SAY } from '../../src/feedback/feedback-feature.js';
import { SAY } from '../../src/handlers/replies.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { postbackEvent, userId } from '../helpers/events.js';
import { SHIPPED_ACTIONS, shippedButtons } from '../helpers/postbacks.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  bot.expectAllLineCallsValid();
  await bot.close();
});

/** The texts of the reply to one postback. */
async function answerTo(data: string): Promise<string[]> {
  const before = bot.line.replies().length;
  await bot.send(postbackEvent(userId(9), data));
  const replies = bot.line.replies();
  expect(replies).toHaveLength(before + 1);
  return (replies.at(-1)!.body.messages as Array<{ text?: string }>).map((m) => m.text ?? '');
}

describe("each feature's buttons, read with that feature's schema", () => {
  it('when the bot is assembled, then its features own exactly the buttons the tests read with', () => {
    expect(bot.runtime.features.postbackActions().sort()).toEqual([...SHIPPED_ACTIONS].sort());
    for (const action of SHIPPED_ACTIONS)
      expect(bot.runtime.features.postbackSchema(action), action).toBe(shippedButtons.postbackSchema(action));
  });

  it.each([
    ['answers', 'a=measure'],
    ['answers', 'a=announcement&page=99'],
    ['subscriptions', 'a=topic&id=news&on=2'],
    ['subscriptions', 'a=erase&ok=1&t=-5'],
    ['feedback', 'a=fb&q=ABC&v=1'],
  ])(
    'when a %s button carries data outside its schema (%s), then the reply says the button has expired',
    async (_f, data) => {
      expect(await answerTo(data)).toEqual([SAY.expiredButton]);
    },
  );

  it('when a feedback button with good data names a question the log does not hold, then the feedback feature answers', async () => {
    expect(await answerTo('a=fb&q=abcdefgh1234&v=1')).toEqual([FEEDBACK_SAY.unknown]);
  });
});
