import type { messagingApi } from '@line/bot-sdk';
import type { ButtonData } from '../bot/button-set.js';
import { browseButton } from './browse-buttons.js';
import type { PublicationHit, SearchHit } from '../content/search-hit.js';
import { formatDateThai } from '../thai/date.js';
import { READ_FULL } from './labels.js';
import { announcementBodyPages, announcementPageMessage } from './announcement-messages.js';
import { itaAltText, itaBubble, formatScore, notFoundMessages } from './basic-messages.js';
import { fillBubble, fragment } from './catalog.js';
import { bubbleMessage, carouselMessages } from './flex-message.js';
import { measureCard, measurePageMessage } from './measure-messages.js';
import { finishReply } from './quick-reply.js';
import { markerOf } from '../content/cell-text.js';
import { LIMITS, truncate, type FlexComponent } from './template.js';

const MAX_RUNNERS_UP = 12;
const CARD_EXCERPT_CHARS = 140;
const FULL_EXCERPT_CHARS = 3000;

function hitKey(hit: SearchHit): string {
  return `${hit.kind}:${hit.id}`;
}

function hitTitle(hit: SearchHit): string {
  switch (hit.kind) {
    case 'measure':
      return `มาตรการที่ ${hit.order}: ${hit.title}`;
    case 'ita':
      return itaAltText(hit);
    case 'announcement':
      return `ประกาศ เรื่อง ${hit.subject}`;
    case 'section':
      return `${hit.title} (ประกาศ เรื่อง ${hit.announcement.subject})`;
    case 'publication':
      return hit.title;
  }
}

/** Only a well-formed http(s) URL within LINE's 1000 chars becomes a button (LINE refuses others). */
function isLinkable(url: string | undefined): url is string {
  return url !== undefined && url.length <= LIMITS.uri && /^https?:\/\//.test(url) && URL.canParse(url);
}

function publicationCard(hit: PublicationHit, excerptChars: number, size: 'mega' | 'giga'): messagingApi.FlexBubble {
  const date =
    hit.publishedAt && !Number.isNaN(Date.parse(hit.publishedAt)) ? formatDateThai(new Date(hit.publishedAt)) : '';
  const actions: FlexComponent[] = isLinkable(hit.url)
    ? fragment('button-uri', { label: READ_FULL, uri: hit.url })
    : size === 'giga'
      ? fragment('button-secondary', { label: 'เมนูหลัก', data: browseButton({ a: 'menu' }), displayText: 'เมนู' })
      : fragment('button-message', { label: READ_FULL, text: hit.title });
  const bubble = fillBubble('search-result', {
    kindLabel: [hit.topicName ?? 'ข่าวสารจากเทศบาล', date].filter(Boolean).join(' · '),
    title: truncate(hit.title, 160),
    excerpt: truncate(hit.body.trim(), excerptChars) || hit.title,
    actions,
  });
  return { ...bubble, size };
}

function genericCard(
  kindLabel: string,
  title: string,
  excerpt: string,
  button: string,
  data: ButtonData,
): messagingApi.FlexBubble {
  return fillBubble('search-result', {
    kindLabel,
    title: truncate(title, 160),
    excerpt: truncate(excerpt, CARD_EXCERPT_CHARS),
    actions: fragment('button-primary', { label: button, data, displayText: truncate(title, 100) }),
  });
}

/** A close runner-up as a carousel card (all the same size, "mega"). */
function hitCard(hit: SearchHit): messagingApi.FlexBubble {
  switch (hit.kind) {
    case 'measure':
      return measureCard(hit);
    case 'ita':
      return genericCard(
        'ผลการประเมิน ITA',
        `ปีงบประมาณ พ.ศ. ${hit.fiscalYear}: ${formatScore(hit.score)} คะแนน`,
        hit.agency,
        'ดูผลการประเมิน',
        browseButton({ a: 'ita' }),
      );
    case 'announcement':
      return genericCard(
        `ประกาศ${hit.agency}`,
        `เรื่อง ${hit.subject}`,
        hit.preamble.trim() || hit.subject,
        READ_FULL,
        browseButton({ a: 'announcement' }),
      );
    case 'section': {
      const first = hit.items[0];
      const excerpt = first ? `${first.number}. ${markerOf(first.text).text}` : hit.title;
      return genericCard('หัวข้อในประกาศ', hit.title, excerpt, 'อ่านหัวข้อนี้', browseButton({ a: 'section', id: hit.id }));
    }
    case 'publication':
      return publicationCard(hit, CARD_EXCERPT_CHARS, 'mega');
  }
}

/** The best hit as its own message: the item itself, as its own builder shows it. */
function bestMessage(hit: SearchHit): messagingApi.FlexMessage {
  switch (hit.kind) {
    case 'measure':
      return measurePageMessage(hit, 0);
    case 'ita':
      return bubbleMessage(itaAltText(hit), itaBubble(hit));
    case 'announcement':
      return announcementPageMessage(hit, 0);
    case 'section': {
      const index = announcementBodyPages(hit.announcement).findIndex((body) => body.sectionId === hit.id);
      return announcementPageMessage(hit.announcement, index + 1);
    }
    case 'publication':
      return bubbleMessage(hit.title, publicationCard(hit, FULL_EXCERPT_CHARS, 'giga'));
  }
}

/**
 * Search results, best first: the best hit as its own message, then up to 12 close runners-up
 * as cards in one carousel. No hits gives the honest "not found".
 */
export function searchResultMessages(results: readonly SearchHit[]): messagingApi.Message[] {
  const [best, ...rest] = results;
  if (!best) return notFoundMessages('', []);
  return finishReply([bestMessage(best), ...relatedCarousel(rest.filter((hit) => hitKey(hit) !== hitKey(best)))]);
}

/** Close runners-up as cards in one carousel, without repeats; no hits, no message. */
export function relatedCarousel(hits: readonly SearchHit[]): messagingApi.FlexMessage[] {
  const seen = new Set<string>();
  const others = hits.filter((hit) => !seen.has(hitKey(hit)) && seen.add(hitKey(hit))).slice(0, MAX_RUNNERS_UP);
  if (others.length === 0) return [];
  const titles = others.map(hitTitle).join(', ');
  return carouselMessages(others.map(hitCard), () => `เรื่องที่เกี่ยวข้องอีก ${others.length} เรื่อง: ${titles}`).slice(0, 1);
}
