import type { BotContext } from '../bot/context.js';
import type { FeatureRegistry } from '../bot/feature-registry.js';
import type { Understanding } from '../bot/understand.js';
import type { QuestionStore } from '../content/question-log.js';
import { helpMessages } from '../flex/messages.js';

export interface TextDeps {
  registry: FeatureRegistry;
  questions: QuestionStore;
  understand: (text: string) => Understanding;
}

/**
 * A typed message: recognise what is asked, let the feature that owns the intent answer, and
 * note the question for statistics. An intent no feature owns is answered with help.
 */
export async function handleText(deps: TextDeps, ctx: BotContext, text: string): Promise<void> {
  const understanding = deps.understand(text);
  ctx.intent = understanding.intent;
  const handler = deps.registry.intent(understanding.intent);
  if (handler) await handler(ctx, understanding, text);
  else ctx.reply(...helpMessages());
  // A question for the content is logged by its answer, with its text; every other intent
  // without it: a tip or a receipt must never be logged.
  if (understanding.intent === 'search') return;
  await deps.questions.record({
    ...(ctx.event.webhookEventId ? { event: ctx.event.webhookEventId } : {}),
    at: ctx.now.toISOString(),
    intent: understanding.intent,
    match: null,
    kind: null,
    score: null,
  });
}
