import type { messagingApi } from '@line/bot-sdk';
import type { Publication } from '../../publications/publication.js';
import { latestMessages, publicationReply } from '../../publications/publication-messages.js';
import { SUBSCRIPTION_CHOICES } from './subscription-messages.js';
import { SUBSCRIPTION_SAY } from '../wording.js';
import { textMessage } from '../../flex/messages.js';
import { postback, type IntentHandlers, type PostbackDefinition } from '../../bot/feature.js';
import { SUBSCRIPTION_BUTTONS } from './subscription-buttons.js';

/** What the chat needs from publishing: what has been published, and one by id. */
export interface PublicationFeed {
  latest(): Publication[];
  get(id: string): Publication | undefined;
}

/** `ข่าวล่าสุด` (a carousel of the newest publications) and each card's "read" button. */
export function latestHandlers(
  feed: PublicationFeed,
  agencyName: () => string,
  /** The municipality's newest announcement, shown when nothing has been published yet. */
  announcement: () => messagingApi.Message[] | null = () => null,
  /** The same announcement as the first card of the news (the tile shows both). */
  announcementCard: () => messagingApi.FlexBubble | null = () => null,
): {
  intents: Pick<IntentHandlers, 'latest'>;
  postbacks: { pub: PostbackDefinition };
} {
  return {
    intents: {
      async latest(ctx) {
        const published = feed.latest();
        ctx.outcome = `latest:${Math.min(published.length, 10)}`;
        const official = published.length > 0 ? announcementCard() : null;
        if (published.length > 0) return ctx.reply(...latestMessages(published, official ? [official] : []));
        const fallback = announcement();
        // Nothing published on LINE yet: the latest announcement is still the newest news.
        if (fallback && fallback.length < 5)
          return ctx.reply(textMessage(SUBSCRIPTION_SAY.noLatestButAnnouncement, null), ...fallback);
        ctx.reply(textMessage(SUBSCRIPTION_SAY.noLatest, SUBSCRIPTION_CHOICES));
      },
    },
    postbacks: {
      pub: postback(SUBSCRIPTION_BUTTONS.pub, async (ctx, button) => {
        const pub = feed.get(button.id);
        if (!pub || pub.publishedAt === null || pub.status === 'cancelled') {
          ctx.outcome = 'expired-button';
          ctx.reply(textMessage(SUBSCRIPTION_SAY.publicationGone, SUBSCRIPTION_CHOICES));
          return;
        }
        ctx.reply(...publicationReply(pub, agencyName()));
      }),
    },
  };
}
