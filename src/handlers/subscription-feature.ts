import type { messagingApi } from '@line/bot-sdk';
import type { FriendRepo } from '../people/friend-repo.js';
import type { IntentHandlers, PostbackHandlers } from './extensions.js';
import { subscribeIntent, unsubscribeIntent } from './subscription-intents.js';
import { latestHandlers, type PublicationFeed } from './subscription-latest.js';
import { subscriptionPostbacks } from './subscription-postbacks.js';
import { privacyHandlers } from './subscription-privacy.js';

/**
 * Everything the subscriptions feature adds to the chat: subscribe / unsubscribe (all topics
 * or the ones named), the settings card's buttons, ข่าวล่าสุด, and personal data (privacy
 * notice, erasure after confirmation).
 */
export function subscriptionExtensions(deps: {
  friends: FriendRepo;
  feed: PublicationFeed;
  agencyName: () => string;
  announcement?: () => messagingApi.Message[] | null;
  /** The official announcement as a card, shown first among the latest news. */
  announcementCard?: () => messagingApi.FlexBubble | null;
}): {
  intents: IntentHandlers;
  postbacks: PostbackHandlers;
} {
  const latest = latestHandlers(deps.feed, deps.agencyName, deps.announcement, deps.announcementCard);
  const privacy = privacyHandlers(deps.friends, deps.agencyName);
  return {
    intents: {
      subscribe: subscribeIntent(deps.friends),
      unsubscribe: unsubscribeIntent(deps.friends),
      ...latest.intents,
      ...privacy.intents,
    },
    postbacks: { ...subscriptionPostbacks(deps.friends), ...latest.postbacks, ...privacy.postbacks },
  };
}
