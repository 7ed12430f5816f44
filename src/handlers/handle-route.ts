import type { BotContext } from '../bot/context.js';
import type { HandleRoute } from '../bot/dispatcher.js';
import type { Route } from '../bot/router.js';
import type { FriendRepo } from '../people/friend-repo.js';
import { TOPIC_IDS } from '../people/topics.js';
import { viewsOf } from '../flex/message-cache.js';
import { textMessage, welcomeMessages } from '../flex/messages.js';
import { browse } from './browse.js';
import type { Extensions, PostbackHandler } from './extensions.js';
import { LINK_TEXT } from '../staff/line-link-chat.js';
import { SAY } from './replies.js';
import { handleText, type TextDeps } from './text.js';

export interface HandlerDeps extends TextDeps {
  friends: FriendRepo;
  extensions: Extensions;
  /** A staff member sending the console's link code (src/staff/line-link-chat.ts); true when it answered. */
  staffLink?: (ctx: BotContext, text: string) => Promise<boolean>;
}

/** The handler table: which code answers each kind of event. */
export function createRouteHandler(deps: HandlerDeps): HandleRoute {
  return async (ctx, route) => {
    const flow = ctx.state && deps.extensions.flows?.[ctx.state.flow];
    if (flow && (await flow.handle(ctx, route))) return;
    switch (route.to) {
      case 'follow':
        return onFollow(deps, ctx);
      case 'unfollow':
        ctx.intent = 'unfollow';
        if (ctx.userId) await deps.friends.unfollow(ctx.userId, ctx.now);
        return;
      case 'text':
        // Cheap test first: only "เชื่อมบัญชี 123456" or six digits alone go on to the link check
        if (deps.staffLink && LINK_TEXT.test(route.text) && (await deps.staffLink(ctx, route.text))) return;
        return handleText({ ...deps, intents: deps.extensions.intents ?? {} }, ctx, route.text);
      case 'postback':
        return onPostback(deps, ctx, route);
      case 'media':
        return onMedia(ctx, route);
    }
  };
}

async function onFollow(deps: HandlerDeps, ctx: BotContext): Promise<void> {
  ctx.intent = 'follow';
  if (!ctx.userId) return;
  // A new friend gets every topic (LINE's convention); a returning one keeps their choice.
  const { friend, refollow } = await deps.friends.follow(ctx.userId, ctx.now, [...TOPIC_IDS]);
  const [welcome] = viewsOf(deps.library).get('welcome', () =>
    welcomeMessages({ agencyName: deps.library.agencyName() }),
  );
  const { quickReply: _onLast, ...welcomeBubble } = welcome!;
  const topicsLine = !refollow
    ? SAY.subscribedOnFollow
    : friend.topics.length > 0
      ? SAY.welcomeBackSubscribed
      : SAY.welcomeBackUnsubscribed;
  ctx.reply(welcomeBubble, textMessage(topicsLine));
}

async function onPostback(
  deps: HandlerDeps,
  ctx: BotContext,
  route: Extract<Route, { to: 'postback' }>,
): Promise<void> {
  ctx.intent = route.postback ? `postback:${route.postback.a}` : 'postback:expired';
  const handler = route.postback && (deps.extensions.postbacks?.[route.postback.a] as PostbackHandler | undefined);
  if (handler && route.postback) return handler(ctx, route.postback, route.params);
  const messages = route.postback ? browse(deps.library, route.postback) : null;
  if (!messages) ctx.outcome = 'expired-button';
  ctx.reply(...(messages ?? [textMessage(SAY.expiredButton)]));
}

function onMedia(ctx: BotContext, route: Extract<Route, { to: 'media' }>): void {
  ctx.intent = `media:${route.kind}`;
  const text =
    route.kind === 'sticker'
      ? SAY.sticker
      : route.kind === 'image'
        ? SAY.image
        : route.kind === 'location'
          ? SAY.location
          : SAY.otherMedia;
  ctx.reply(textMessage(text));
}
