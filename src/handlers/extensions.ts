import type { BotContext } from '../bot/context.js';
import type { Postback } from '../bot/postback.js';
import type { Route } from '../bot/router.js';
import type { Understanding } from '../bot/understand.js';

export type ActiveRoute = Exclude<Route, { to: 'ignore' }>;

/**
 * A multi-step conversation (such as filing a tip). While a user's conversation state names
 * the flow, every event of theirs goes to it first; the flow ends itself with
 * `ctx.setState(null)`. Returning false hands the event to the normal handlers instead.
 */
export interface Flow {
  handle(ctx: BotContext, route: ActiveRoute): Promise<boolean>;
}

/** Answers one recognised intent (tip, subscribe, status ...). */
export type IntentHandler<I extends Understanding['intent'] = Understanding['intent']> = (
  ctx: BotContext,
  understanding: Extract<Understanding, { intent: I }>,
) => Promise<void>;

export type IntentHandlers = { [I in Understanding['intent']]?: IntentHandler<I> };

/** Answers one kind of postback button beyond the menu's own. */
export type PostbackHandler<A extends Postback['a'] = Postback['a']> = (
  ctx: BotContext,
  postback: Extract<Postback, { a: A }>,
  params: Record<string, string>,
) => Promise<void>;

export type PostbackHandlers = { [A in Postback['a']]?: PostbackHandler<A> };

/** What the features add to the bot's conversation. */
export interface Extensions {
  flows?: Record<string, Flow>;
  intents?: IntentHandlers;
  postbacks?: PostbackHandlers;
}
