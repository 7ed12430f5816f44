import type { messagingApi } from '@line/bot-sdk';
import type { BotContext } from '../bot/context.js';
import type { Feature } from '../bot/feature.js';
import { textMessage } from '../flex/messages.js';
import type { Logger } from '../logger.js';
import type { FriendStore } from './store/friend-store.js';
import { TOPIC_IDS } from './topics.js';
import { startFriendRetention } from './store/friend-retention.js';
import { SUBSCRIPTION_SAY } from './wording.js';
import type { Timers } from '../timers.js';
import { subscribeIntent, unsubscribeIntent } from './chat/subscription-intents.js';
import { latestHandlers, type PublicationFeed } from './chat/subscription-latest.js';
import { subscriptionPostbacks } from './chat/subscription-postbacks.js';
import { privacyHandlers } from './chat/subscription-privacy.js';

export interface SubscriptionDeps {
  friends: FriendStore;
  feed: PublicationFeed;
  agencyName: () => string;
  announcement?: () => messagingApi.Message[] | null;
  /** The official announcement as a card, shown first among the latest news. */
  announcementCard?: () => messagingApi.FlexBubble | null;
  /** For the retention of departed friends' records. */
  clock: () => Date;
  timers: Timers;
  logger: Logger;
}

/**
 * Subscriptions in chat: a new friend gets every topic, an unfollow stops every delivery,
 * subscribe / unsubscribe (all topics or the ones named), the settings card's buttons,
 * ข่าวล่าสุด, and personal data (privacy notice, erasure after confirmation). Departed
 * friends' records are purged on a timer started with the feature.
 */
export function subscriptionFeature(deps: SubscriptionDeps): Feature {
  const latest = latestHandlers(deps.feed, deps.agencyName, deps.announcement, deps.announcementCard);
  const privacy = privacyHandlers(deps.friends, deps.agencyName);
  let retention: ReturnType<typeof startFriendRetention> | undefined;
  return {
    name: 'subscriptions',
    intents: {
      subscribe: subscribeIntent(deps.friends),
      unsubscribe: unsubscribeIntent(deps.friends),
      ...latest.intents,
      ...privacy.intents,
    },
    postbacks: { ...subscriptionPostbacks(deps.friends), ...latest.postbacks, ...privacy.postbacks },
    events: {
      follow: (ctx) => onFollow(deps.friends, ctx),
      unfollow: async (ctx) => {
        if (ctx.userId) await deps.friends.unfollow(ctx.userId, ctx.now);
      },
    },
    start: async () => {
      retention = startFriendRetention(deps);
    },
    close: async () => retention?.close(),
  };
}

/** A new friend gets every topic (LINE's convention); a returning one keeps their choice. */
async function onFollow(friends: FriendStore, ctx: BotContext): Promise<void> {
  if (!ctx.userId) return;
  const { friend, refollow } = await friends.follow(ctx.userId, ctx.now, [...TOPIC_IDS]);
  const topicsLine = !refollow
    ? SUBSCRIPTION_SAY.subscribedOnFollow
    : friend.topics.length > 0
      ? SUBSCRIPTION_SAY.welcomeBackSubscribed
      : SUBSCRIPTION_SAY.welcomeBackUnsubscribed;
  ctx.reply(textMessage(topicsLine));
}
