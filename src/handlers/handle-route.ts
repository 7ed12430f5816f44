import type { BotContext } from '../bot/context.js';
import type { HandleRoute } from '../bot/dispatcher.js';
import type { ActiveRoute } from '../bot/feature.js';
import type { ContentLibrary } from '../content/library.js';
import { viewsOf } from '../flex/message-cache.js';
import { textMessage, welcomeMessages } from '../flex/messages.js';
import { SAY } from './replies.js';
import { handleText, type TextDeps } from './text.js';

export interface HandlerDeps extends TextDeps {
  library: ContentLibrary;
  /** The municipality the welcome card names (a tenant's own name); absent: the library's, from its ITA report. */
  townName?: () => string;
}

/**
 * Which code answers each event: the user's conversation flow first, then the feature that
 * owns the intent, button, or follow/unfollow (asked of the registry). Only what no feature
 * owns is answered here: the welcome, an expired button, a sticker or other media.
 */
export function createRouteHandler(deps: HandlerDeps): HandleRoute {
  const { registry } = deps;
  return async (ctx, route) => {
    const flow = ctx.state && registry.flow(ctx.state.flow);
    if (flow && (await flow.handle(ctx, route))) return;
    switch (route.to) {
      case 'follow':
        return onFollow(deps, ctx);
      case 'unfollow':
        ctx.intent = 'unfollow';
        return registry.event('unfollow')?.(ctx);
      case 'text':
        if (await registry.claimText(ctx, route.text)) return;
        return handleText(deps, ctx, route.text);
      case 'postback':
        ctx.intent = route.postback ? `postback:${route.postback.a}` : 'postback:expired';
        if (route.postback && (await registry.handlePostback(ctx, route.postback, route.params))) return;
        ctx.outcome = 'expired-button';
        ctx.reply(textMessage(SAY.expiredButton));
        return;
      case 'media':
        return onMedia(ctx, route);
    }
  };
}

/** The welcome card, then what the feature that owns `follow` says (the topics a friend gets). */
async function onFollow(deps: HandlerDeps, ctx: BotContext): Promise<void> {
  ctx.intent = 'follow';
  if (!ctx.userId) return;
  const town = deps.townName?.() ?? deps.library.agencyName();
  // Kept per name: a renamed tenant's next welcome says its new name
  const [welcome] = viewsOf(deps.library).get(`welcome:${town}`, () => welcomeMessages({ agencyName: town }));
  const follow = deps.registry.event('follow');
  if (!follow) return ctx.reply(welcome!);
  const { quickReply: _onLast, ...welcomeBubble } = welcome!;
  ctx.reply(welcomeBubble);
  await follow(ctx);
}

function onMedia(ctx: BotContext, route: Extract<ActiveRoute, { to: 'media' }>): void {
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
