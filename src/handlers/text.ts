import type { messagingApi } from '@line/bot-sdk';
import type { BotContext } from '../bot/context.js';
import type { Understanding } from '../bot/understand.js';
import type { ContentLibrary } from '../content/library.js';
import type { QuestionLog } from '../content/question-log.js';
import type { SearchItem } from '../content/search-items.js';
import { helpMessages, notFoundMessages, searchResultMessages, textMessage, type SearchHit } from '../flex/messages.js';
import { browse } from './browse.js';
import type { IntentHandler, IntentHandlers } from './extensions.js';
import { SAY } from './replies.js';

export interface TextDeps {
  library: ContentLibrary;
  questions: QuestionLog;
  understand: (text: string) => Understanding;
  resolve: (item: SearchItem) => SearchHit | undefined;
  intents?: IntentHandlers;
}

/** A typed message: recognise what is asked, answer it, and note the question for statistics. */
export async function handleText(deps: TextDeps, ctx: BotContext, text: string): Promise<void> {
  const understanding = deps.understand(text);
  ctx.intent = understanding.intent;
  const feature = deps.intents?.[understanding.intent] as IntentHandler | undefined;
  if (feature) await feature(ctx, understanding);
  else ctx.reply(...answer(deps, understanding, text));
  await deps.questions.record({
    at: ctx.now.toISOString(),
    intent: understanding.intent,
    // Only questions for the search are kept as text: a tip or a receipt must never be logged.
    ...(understanding.intent === 'search' ? { text: understanding.normalized } : {}),
    match: understanding.intent === 'search' ? (understanding.best?.item.id ?? null) : null,
    kind: understanding.intent === 'search' ? (understanding.best?.item.kind ?? null) : null,
    score: understanding.intent === 'search' && understanding.best ? Number(understanding.best.score.toFixed(3)) : null,
  });
}

function answer(deps: TextDeps, u: Understanding, text: string): messagingApi.Message[] {
  switch (u.intent) {
    case 'greeting':
      return [textMessage(SAY.greeting)];
    case 'thanks':
      return [textMessage(SAY.thanks)];
    case 'menu':
      return helpMessages();
    case 'ita':
    case 'measures':
    case 'announcement':
      return browse(deps.library, { a: u.intent }) ?? helpMessages();
    case 'search': {
      if (!u.best) return notFoundMessages(text, suggestions(deps.library));
      const found = [u.best, ...u.runnersUp];
      const build = () => {
        const hits = found.map((hit) => deps.resolve(hit.item)).filter((h): h is SearchHit => h !== undefined);
        // Cached and shared between residents: never echo the question here.
        return hits.length > 0 ? searchResultMessages(hits) : notFoundMessages('', suggestions(deps.library));
      };
      // Publications can change while the bot runs; answers from documents only are cached.
      if (found.some((hit) => hit.item.kind === 'publication')) return build();
      return deps.library.views.get(`search:${found.map((hit) => hit.item.id).join(',')}`, build);
    }
    case 'tip':
    case 'status':
      // Answered by the tip channel's intent handlers (src/tips); a bot built without them shows help.
      return helpMessages();
    case 'subscribe':
    case 'unsubscribe':
    case 'latest':
    case 'privacy':
    case 'erase':
      // Answered by the subscriptions feature's intent handlers (src/handlers/subscription-*.ts).
      return helpMessages();
  }
}

/** Questions the bot can answer, offered when it could not answer the one asked. */
export function suggestions(library: ContentLibrary): string[] {
  const out: string[] = [];
  const ita = library.ita();
  if (ita) out.push(`ผล ITA ปี ${ita.fiscalYear}`);
  for (const m of library.measures().slice(0, 4)) out.push(m.title.replace(/^มาตรการ(เรื่อง)?\s*/, ''));
  return out;
}
