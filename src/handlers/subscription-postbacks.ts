import type { FriendRepo } from '../people/friend-repo.js';
import { TOPIC_IDS } from '../people/topics.js';
import { settingsReply, SUBSCRIPTION_CHOICES, topicSettingsMessage } from '../subscriptions/subscription-messages.js';
import { isTopicId, topic } from '../subscriptions/topic-catalog.js';
import { SUBSCRIPTION_SAY } from '../subscriptions/wording.js';
import { finishReply, quickReplyWithMenu, textMessage } from '../flex/messages.js';
import { SAY } from './replies.js';
import type { PostbackHandlers } from './extensions.js';
import { requireUser } from './subscription-intents.js';

/**
 * The settings card's buttons. Each carries the state it sets (not "flip"), so a double tap
 * or a tap on an old card leaves the choice the resident saw on the button.
 */
export function subscriptionPostbacks(friends: FriendRepo): Pick<PostbackHandlers, 'topics' | 'topic' | 'topics-all'> {
  return {
    async topics(ctx) {
      const userId = requireUser(ctx);
      ctx.reply(
        ...finishReply(
          [topicSettingsMessage(friends.get(userId)?.topics ?? [])],
          quickReplyWithMenu(SUBSCRIPTION_CHOICES),
        ),
      );
    },
    async topic(ctx, postback) {
      const userId = requireUser(ctx);
      if (!isTopicId(postback.id)) {
        ctx.outcome = 'expired-button';
        ctx.reply(textMessage(SAY.expiredButton));
        return;
      }
      const on = postback.on === '1';
      const friend = on
        ? await friends.subscribe(userId, [postback.id], ctx.now)
        : ((await friends.unsubscribe(userId, ctx.now, [postback.id])) ?? { topics: [] });
      ctx.outcome = `topic:${postback.id}:${on ? 'on' : 'off'}`;
      const name = topic(postback.id).name;
      ctx.replyEssential(
        ...settingsReply(on ? SUBSCRIPTION_SAY.topicOn(name) : SUBSCRIPTION_SAY.topicOff(name), friend.topics),
      );
    },
    async 'topics-all'(ctx, postback) {
      const userId = requireUser(ctx);
      const on = postback.on === '1';
      const friend = on
        ? await friends.subscribe(userId, TOPIC_IDS, ctx.now)
        : ((await friends.unsubscribe(userId, ctx.now)) ?? { topics: [] });
      ctx.outcome = `topics:${on ? 'all' : 'none'}`;
      ctx.replyEssential(...settingsReply(on ? SUBSCRIPTION_SAY.allOn : SUBSCRIPTION_SAY.allOff, friend.topics));
    },
  };
}
