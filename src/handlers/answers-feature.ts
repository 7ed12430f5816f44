import type { BotContext } from '../bot/context.js';
import { postback, type Feature, type PostbackDefinition } from '../bot/feature.js';
import { helpMessages, textMessage } from '../flex/messages.js';
import { answerSearch, type AnswerDeps } from './answer-search.js';
import { browse, BROWSE_BUTTONS, type BrowseTarget } from './browse.js';
import { SAY } from './replies.js';

/**
 * The bot's own answers: questions about the content, greetings, the menu and its buttons
 * (the ITA result, the measures, the announcement and its sections).
 */
export function answersFeature(deps: AnswerDeps): Feature {
  const open = (target: BrowseTarget) => browse(deps.library, target) ?? helpMessages();
  return {
    name: 'answers',
    intents: {
      search: (ctx, understanding, text) => answerSearch(deps, ctx, understanding, text),
      greeting: async (ctx) => ctx.reply(textMessage(SAY.greeting)),
      thanks: async (ctx) => ctx.reply(textMessage(SAY.thanks)),
      menu: async (ctx) => ctx.reply(...helpMessages()),
      ita: async (ctx) => ctx.reply(...open({ a: 'ita' })),
      measures: async (ctx) => ctx.reply(...open({ a: 'measures' })),
      announcement: async (ctx) => ctx.reply(...open({ a: 'announcement' })),
    },
    postbacks: browseButtons(deps),
  };
}

/** Each menu button opens its destination; one whose target is gone has expired. */
function browseButtons(deps: AnswerDeps): Record<string, PostbackDefinition> {
  const opener = (a: keyof typeof BROWSE_BUTTONS) =>
    postback(BROWSE_BUTTONS[a], async (ctx: BotContext, data) => {
      const messages = browse(deps.library, { ...data, a } as BrowseTarget);
      if (!messages) ctx.outcome = 'expired-button';
      ctx.reply(...(messages ?? [textMessage(SAY.expiredButton)]));
    });
  const actions = Object.keys(BROWSE_BUTTONS) as Array<keyof typeof BROWSE_BUTTONS>;
  return Object.fromEntries(actions.map((a) => [a, opener(a)]));
}
