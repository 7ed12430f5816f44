import type { FriendStore } from '../store/friend-store.js';
import { TOPIC_IDS } from '../topics.js';
import { settingsReply, SUBSCRIPTION_CHOICES, topicSettingsMessage } from './subscription-messages.js';
import { isTopicId, topic } from '../topic-catalog.js';
import { SUBSCRIPTION_SAY } from '../wording.js';
import { finishReply, quickReplyWithMenu, textMessage } from '../../flex/messages.js';
import { SAY } from '../../handlers/replies.js';
import { postback, type PostbackDefinition } from '../../bot/feature.js';
import { SUBSCRIPTION_BUTTONS as B } from './subscription-buttons.js';
import { requireUser } from './subscription-intents.js';

/**
 * The settings card's buttons. Each carries the state it sets (not "flip"), so a double tap
 * or a tap on an old card leaves the choice the resident saw on the button.
 */
export function subscriptionPostbacks(
  friends: FriendStore,
): Record<'topics' | 'topic' | 'topics-all', PostbackDefinition> {
  return {
    topics: postback(B.topics, async (ctx) => {
      const userId = requireUser(ctx);
      ctx.reply(
        ...finishReply(
          [topicSettingsMessage((await friends.get(userId))?.topics ?? [])],
          quickReplyWithMenu(SUBSCRIPTION_CHOICES),
        ),
      );
    }),
    topic: postback(B.topic, async (ctx, button) => {
      const userId = requireUser(ctx);
      if (!isTopicId(button.id)) {
        ctx.outcome = 'expired-button';
        ctx.reply(textMessage(SAY.expiredButton));
        return;
      }
      const on = button.on === '1';
      const friend = on
        ? await friends.subscribe(userId, [button.id], ctx.now)
        : ((await friends.unsubscribe(userId, ctx.now, [button.id])) ?? { topics: [] });
      ctx.outcome = `topic:${button.id}:${on ? 'on' : 'off'}`;
      const name = topic(button.id).name;
      ctx.replyEssential(
        ...settingsReply(on ? SUBSCRIPTION_SAY.topicOn(name) : SUBSCRIPTION_SAY.topicOff(name), friend.topics),
      );
    }),
    'topics-all': postback(B['topics-all'], async (ctx, button) => {
      const userId = requireUser(ctx);
      const on = button.on === '1';
      const friend = on
        ? await friends.subscribe(userId, TOPIC_IDS, ctx.now)
        : ((await friends.unsubscribe(userId, ctx.now)) ?? { topics: [] });
      ctx.outcome = `topics:${on ? 'all' : 'none'}`;
      ctx.replyEssential(...settingsReply(on ? SUBSCRIPTION_SAY.allOn : SUBSCRIPTION_SAY.allOff, friend.topics));
    }),
  };
}
