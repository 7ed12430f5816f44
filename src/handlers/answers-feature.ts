import type { BotContext } from '../bot/context.js';
import { postback, type Feature, type PostbackDefinition } from '../bot/feature.js';
import { createAnswers, newestOfTopic } from '../content/answers/answers.js';
import type { PublicationFeed } from '../content/answers/publication-period.js';
import type { ContentLibrary } from '../content/library.js';
import type { ContentDocument } from '../content/model.js';
import type { QuestionStore } from '../content/question-log.js';
import type { SearchIndex } from '../content/search-index.js';
import { helpMessages, textMessage } from '../flex/messages.js';
import { answerSearch, type AnswerDeps } from './answer-search.js';
import { BROWSE_BUTTONS, type BrowseTarget } from '../flex/browse-buttons.js';
import { browse } from './browse.js';
import { SAY } from './replies.js';

export interface AnswersFeatureDeps {
  library: ContentLibrary;
  questions: QuestionStore;
  docs: readonly ContentDocument[];
  synonyms: readonly (readonly string[])[];
  index: SearchIndex;
  /** What has been published (answerable at once, and asked for by period). */
  published: PublicationFeed & Parameters<typeof newestOfTopic>[0];
}

/**
 * The bot's own answers: questions about the content (facts first, then whole items),
 * greetings, the menu and its buttons (the ITA result, the measures, the announcement and
 * its sections).
 */
export function answersFeature(deps: AnswersFeatureDeps): Feature {
  const { library, index, published } = deps;
  const answering: AnswerDeps = {
    library,
    questions: deps.questions,
    resolve: (item) => library.hitFor(item, (id) => published.hit(id)),
    answers: createAnswers({
      docs: deps.docs,
      synonyms: deps.synonyms,
      index,
      item: (id) => index.get(id),
      latestAnnouncement: () => newestOfTopic(published, 'announcement'),
      feed: published,
    }),
  };
  const open = (target: BrowseTarget) => browse(library, target) ?? helpMessages();
  return {
    name: 'answers',
    intents: {
      search: (ctx, understanding, text) => answerSearch(answering, ctx, understanding, text),
      greeting: async (ctx) => ctx.reply(textMessage(SAY.greeting)),
      thanks: async (ctx) => ctx.reply(textMessage(SAY.thanks)),
      menu: async (ctx) => ctx.reply(...helpMessages()),
      ita: async (ctx) => ctx.reply(...open({ a: 'ita' })),
      measures: async (ctx) => ctx.reply(...open({ a: 'measures' })),
      announcement: async (ctx) => ctx.reply(...open({ a: 'announcement' })),
    },
    postbacks: browseButtons(library),
  };
}

/** Each menu button opens its destination; one whose target is gone has expired. */
function browseButtons(library: ContentLibrary): Record<string, PostbackDefinition> {
  const opener = (a: keyof typeof BROWSE_BUTTONS) =>
    postback(BROWSE_BUTTONS[a], async (ctx: BotContext, data) => {
      const messages = browse(library, { ...data, a } as BrowseTarget);
      if (!messages) ctx.outcome = 'expired-button';
      ctx.reply(...(messages ?? [textMessage(SAY.expiredButton)]));
    });
  const actions = Object.keys(BROWSE_BUTTONS) as Array<keyof typeof BROWSE_BUTTONS>;
  return Object.fromEntries(actions.map((a) => [a, opener(a)]));
}
