import type { Router } from 'express';
import type { z } from 'zod';
import type { BotContext } from './context.js';
import type { Route } from './router.js';
import type { Understanding } from './understand.js';

/** An event worth handling (the router's `ignore` never reaches a feature). */
export type ActiveRoute = Exclude<Route, { to: 'ignore' }>;

/**
 * A multi-step conversation (such as filing a tip). While a user's conversation state names
 * the flow, every event of theirs goes to it first; the flow ends itself with
 * `ctx.setState(null)`. Returning false hands the event to the normal handlers instead.
 */
export interface Flow {
  handle(ctx: BotContext, route: ActiveRoute): Promise<boolean>;
}

export type Intent = Understanding['intent'];

/** Answers one recognised intent, with what was understood and the text as typed. */
export type IntentHandler<I extends Intent = Intent> = (
  ctx: BotContext,
  understanding: Extract<Understanding, { intent: I }>,
  text: string,
) => Promise<void>;

export type IntentHandlers = { [I in Intent]?: IntentHandler<I> };

/**
 * One kind of button: the zod schema of its data (the fields besides the action `a`) and
 * its handler, which gets the data as the schema parsed it. Data outside the schema never
 * reaches the handler: the resident is told the button has expired.
 */
export interface PostbackDefinition<T = unknown> {
  schema: z.ZodType<T>;
  handle(ctx: BotContext, data: T, params: Record<string, string>): Promise<void>;
}

/** A button's definition, typed from its schema (the handler's `data` is the schema's output). */
export function postback<S extends z.ZodType>(
  schema: S,
  handle: (ctx: BotContext, data: z.output<S>, params: Record<string, string>) => Promise<void>,
): PostbackDefinition<z.output<S>> {
  return { schema: schema as z.ZodType<z.output<S>>, handle };
}

/** follow / unfollow: one feature answers each (the core says the welcome first). */
export type EventHandler = (ctx: BotContext) => Promise<void>;

/**
 * An HTTP router of the feature. `public` routes are mounted at `path` as they are; `staff-api`
 * routes under /staff/api, behind the staff tokens and the staff API's JSON error funnel.
 */
export interface FeatureRoute {
  mount: 'public' | 'staff-api';
  path: string;
  router: Router;
}

/**
 * What a feature adds to the bot, in one object (compare grammY's Composer): nothing outside
 * the feature knows its intents, its buttons' data or its routes. The registry
 * (src/bot/feature-registry.ts) composes features and refuses two that claim one key.
 */
export interface Feature {
  name: string;
  intents?: IntentHandlers;
  /**
   * Buttons by action (`a=…` in the data), each with its own schema. The feature draws them
   * with its button set's encoder (src/bot/button-set.ts), typed from the same schemas.
   */
  postbacks?: Record<string, PostbackDefinition>;
  /** Conversation flows by the name their state carries (`ConversationState.flow`). */
  flows?: Record<string, Flow>;
  events?: { follow?: EventHandler; unfollow?: EventHandler };
  /**
   * A look at every typed text before it is understood (a staff member's link code); true
   * when it answered. Kept for the rare message that must never reach the question log.
   */
  claimText?: (ctx: BotContext, text: string) => Promise<boolean>;
  routes?: FeatureRoute[];
  /** Timers and background work, started once the bot is assembled. */
  start?: () => Promise<void>;
  close?: () => Promise<void>;
}
