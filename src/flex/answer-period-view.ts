import type { messagingApi } from '@line/bot-sdk';
import type { FactBook } from '../content/answers/fact-book.js';
import type { PeriodAsked, PublishedHit } from '../content/answers/publication-period.js';
import { fillWording } from '../content/answers/service-facts.js';
import { formatDateThai, THAI_MONTHS } from '../thai/date.js';
import { answerBubbleMessage, type AnswerView } from './answer-bubble.js';
import { fragment } from './catalog.js';
import { finishReply } from './quick-reply.js';
import { relatedCarousel } from './search-messages.js';

/** Items listed in the bubble; the carousel after it shows the first of them as cards. */
const LISTED = 10;

/**
 * Publications of a topic in a period: how many and which (newest first), then their cards; or that there are none.
 * The topic's name comes from the caller (topics belong to the subscriptions feature).
 */
export function periodMessages(
  asked: PeriodAsked,
  hits: readonly PublishedHit[],
  book: FactBook,
  agency: string,
  topic: string,
): messagingApi.Message[] {
  const { wording } = book.service;
  const period =
    asked.month === null
      ? fillWording(wording.yearPeriod, { year: asked.year })
      : fillWording(wording.monthPeriod, { month: THAI_MONTHS[asked.month - 1]!, year: asked.year });
  const values = { topic, period, count: hits.length };
  const view: AnswerView = {
    headline: fillWording(hits.length > 0 ? wording.publicationsIn : wording.publicationsNone, values),
    content: hits
      .slice(0, LISTED)
      .flatMap((hit, i) => fragment('list-item', { marker: `${i + 1}.`, text: `${hit.title}${dateOf(hit)}` })),
    source: values.topic,
    place: period,
    actions: [],
  };
  return finishReply([answerBubbleMessage(view, agency), ...relatedCarousel(hits)]);
}

function dateOf(hit: PublishedHit): string {
  return hit.publishedAt ? ` (${formatDateThai(new Date(hit.publishedAt), 'short')})` : '';
}
