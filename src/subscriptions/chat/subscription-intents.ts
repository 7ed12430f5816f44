import type { BotContext } from '../../bot/context.js';
import { UserFacingError } from '../../bot/errors.js';
import type { FriendStore } from '../store/friend-store.js';
import { TOPIC_IDS } from '../topics.js';
import { settingsReply, SUBSCRIPTION_CHOICES, topicList } from './subscription-messages.js';
import { topicsNamedIn } from '../topic-catalog.js';
import { SUBSCRIPTION_SAY } from '../wording.js';
import { textMessage } from '../../flex/messages.js';
import type { IntentHandler } from '../../bot/feature.js';

/** The resident's user id, or a polite refusal in a group chat (subscriptions are personal). */
export function requireUser(ctx: BotContext): string {
  if (!ctx.userId) throw new UserFacingError(SUBSCRIPTION_SAY.privateChatOnly, 'not-private-chat');
  return ctx.userId;
}

/**
 * `สมัครรับข่าวสาร` subscribes to every topic; a message that names topics ("ขอรับข่าว
 * จัดซื้อจัดจ้าง") adds only those. Either way the settings card follows, to fine-tune.
 */
export function subscribeIntent(friends: FriendStore): IntentHandler<'subscribe'> {
  return async (ctx, _understanding, text) => {
    const userId = requireUser(ctx);
    const named = topicsNamedIn(text);
    const friend = await friends.subscribe(userId, named.length > 0 ? named : TOPIC_IDS, ctx.now);
    ctx.outcome = named.length > 0 ? `subscribed:${named.join('+')}` : 'subscribed:all';
    ctx.replyEssential(
      ...settingsReply(
        named.length > 0 ? SUBSCRIPTION_SAY.subscribedSome(topicList(named)) : SUBSCRIPTION_SAY.subscribedAll,
        friend.topics,
      ),
    );
  };
}

/** `ยกเลิกรับข่าวสาร` stops every topic; a message that names topics stops only those. */
export function unsubscribeIntent(friends: FriendStore): IntentHandler<'unsubscribe'> {
  return async (ctx, _understanding, text) => {
    const userId = requireUser(ctx);
    const named = topicsNamedIn(text);
    const friend = await friends.unsubscribe(userId, ctx.now, named.length > 0 ? named : undefined);
    if (!friend) {
      ctx.outcome = 'not-subscribed';
      ctx.reply(textMessage(SUBSCRIPTION_SAY.notSubscribed, SUBSCRIPTION_CHOICES));
      return;
    }
    ctx.outcome = named.length > 0 ? `unsubscribed:${named.join('+')}` : 'unsubscribed:all';
    ctx.replyEssential(
      ...settingsReply(
        named.length > 0 ? SUBSCRIPTION_SAY.unsubscribedSome(topicList(named)) : SUBSCRIPTION_SAY.unsubscribedAll,
        friend.topics,
      ),
    );
  };
}
