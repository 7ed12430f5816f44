import type { messagingApi } from '@line/bot-sdk';
import { publicationButton } from '../flex/publication-buttons.js';
import { subscriptionButton } from '../subscriptions/chat/subscription-buttons.js';
import { fillBubble, fragment } from '../flex/catalog.js';
import { bubbleMessage, carouselMessages } from '../flex/flex-message.js';
import { finishReply, quickReplyWithMenu, type SearchHit } from '../flex/messages.js';
import { READ_FULL } from '../flex/labels.js';
import { truncate, type FlexComponent } from '../flex/template.js';
import { SUBSCRIPTION_CHOICES } from '../subscriptions/chat/subscription-messages.js';
import { topicName } from '../subscriptions/topic-catalog.js';
import { SUBSCRIPTION_SAY } from '../subscriptions/wording.js';
import { formatDateThai } from '../thai/date.js';
import type { Publication } from './publication.js';

/** What a publication's message is made of (a stored one, or a draft being previewed). */
export type PublicationContent = Pick<Publication, 'topic' | 'title' | 'body' | 'url' | 'imageUrl' | 'urgent'>;

const LATEST_COUNT = 10;
const CARD_EXCERPT_CHARS = 140;

/** The notification line: topic and title (what the phone shows before the chat is opened). */
function publicationAltText(p: PublicationContent): string {
  return `${p.urgent ? 'ด่วน: ' : ''}[${topicName(p.topic)}] ${p.title}`;
}

/**
 * The message subscribers receive (and the preview shows, byte for byte): topic and date,
 * title, the full text, a link to the full document when there is one, and a way to choose
 * topics, so every delivery says how to receive less.
 */
export function publicationMessage(p: PublicationContent, at: Date, agencyName: string): messagingApi.FlexMessage {
  const actions: FlexComponent[] = [
    ...(p.url ? fragment('button-uri', { label: READ_FULL, uri: p.url }) : []),
    ...fragment('button-secondary', {
      label: 'เลือกหัวข้อข่าวที่รับ',
      data: subscriptionButton({ a: 'topics' }),
      displayText: 'เลือกหัวข้อข่าว',
    }),
  ];
  const bubble = fillBubble('publication', {
    topicName: `${p.urgent ? 'ด่วน · ' : ''}${topicName(p.topic)}`,
    date: formatDateThai(at),
    title: p.title,
    body: p.body,
    agency: agencyName,
    actions,
  });
  const hero: messagingApi.FlexImage | undefined = p.imageUrl
    ? { type: 'image', url: p.imageUrl, size: 'full', aspectRatio: '20:13', aspectMode: 'cover' }
    : undefined;
  return bubbleMessage(publicationAltText(p), hero ? { ...bubble, hero } : bubble);
}

/** The messages a delivery sends (one), for multicast, broadcast, test-send and preview alike. */
export function deliveryMessages(p: Publication, agencyName: string): messagingApi.Message[] {
  return [publicationMessage(p, new Date(p.publishedAt ?? p.publishAt), agencyName)];
}

/** One publication in full, answering its card's button. */
export function publicationReply(p: Publication, agencyName: string): messagingApi.Message[] {
  return finishReply(deliveryMessages(p, agencyName), quickReplyWithMenu(SUBSCRIPTION_CHOICES));
}

/** `ข่าวล่าสุด`: the newest publications as one carousel of cards, newest first, after `first` (the official announcement). */
export function latestMessages(
  published: readonly Publication[],
  first: readonly messagingApi.FlexBubble[] = [],
): messagingApi.Message[] {
  const latest = published.slice(0, LATEST_COUNT);
  const cards = latest.map((p) =>
    fillBubble('search-result', {
      kindLabel: `${topicName(p.topic)} · ${formatDateThai(new Date(p.publishedAt ?? p.publishAt), 'short')}`,
      title: truncate(p.title, 160),
      excerpt: truncate(p.body, CARD_EXCERPT_CHARS),
      actions: fragment('button-primary', {
        label: READ_FULL,
        data: publicationButton({ a: 'pub', id: p.id }),
        displayText: truncate(p.title, 100),
      }),
    }),
  );
  const titles = latest.map((p) => p.title).join(', ');
  const carousel = carouselMessages([...first, ...cards], () =>
    SUBSCRIPTION_SAY.latestAlt(latest.length, titles),
  ).slice(0, 1);
  return finishReply(carousel, quickReplyWithMenu(SUBSCRIPTION_CHOICES));
}

/** A publication as search shows it (ContentLibrary.hitFor's lookup). */
export function publicationHit(p: Publication): SearchHit {
  return {
    kind: 'publication',
    id: p.id,
    title: p.title,
    body: p.body,
    topicName: topicName(p.topic),
    publishedAt: p.publishedAt ?? p.publishAt,
    ...(p.url ? { url: p.url } : {}),
  };
}
