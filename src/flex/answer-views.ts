import type { messagingApi } from '@line/bot-sdk';
import type { ButtonData } from '../bot/button-set.js';
import { browseButton } from './browse-buttons.js';
import { publicationButton } from './publication-buttons.js';
import type { Reply } from '../content/answers/answer-question.js';
import type { FactBook } from '../content/answers/fact-book.js';
import type { FactUnit } from '../content/answers/fact-units.js';
import type { QuestionKind } from '../content/answers/question-kinds.js';
import type { QuestionShape } from '../content/answers/read-question.js';
import { fillWording, type ServiceFact } from '../content/answers/service-facts.js';
import type { ContentLibrary } from '../content/library.js';
import { formatDateThai } from '../thai/date.js';
import { answerBubbleMessage, quoted, type AnswerView } from './answer-bubble.js';
import { acrossView, measureListView, noYearView, sectionListView } from './answer-list-views.js';
import { fragment } from './catalog.js';
import { finishReply } from './quick-reply.js';
import type { PublicationHit, SearchHit } from '../content/search-hit.js';
import { relatedCarousel } from './search-messages.js';
import { truncate, type FlexComponent } from './template.js';

/** What answer bubbles are drawn from. */
export interface AnswerSources {
  book: FactBook;
  library: ContentLibrary;
  /** The newest publication under the `announcement` topic, if any. */
  latestAnnouncement?: () => PublicationHit | undefined;
  /** A published item by its search item id. */
  publication?: (itemId: string) => PublicationHit | undefined;
}

/** A reply drawn as messages: the answer bubble, then close runners-up in one carousel. */
export function answerMessages(
  reply: Exclude<Reply, { type: 'items' | 'none' }>,
  src: AnswerSources,
  shape: QuestionShape,
  related: readonly SearchHit[],
): messagingApi.Message[] {
  const view = viewOf(reply, src, shape);
  const first = answerBubbleMessage(view, src.library.agencyName());
  return finishReply([first, ...relatedCarousel(related)]);
}

function viewOf(
  reply: Exclude<Reply, { type: 'items' | 'none' }>,
  src: AnswerSources,
  shape: QuestionShape,
): AnswerView {
  switch (reply.type) {
    case 'fact':
      return reply.units.length > 1 ? comparisonView(reply.units, src.book) : factView(reply, src.book, shape);
    case 'service':
      return serviceView(reply.fact, src.book);
    case 'measure-list':
      return measureListView(reply.year, reply.count, src);
    case 'section-list':
      return sectionListView(reply.year, src);
    case 'across':
      return acrossView(reply.units, src.book);
    case 'latest-announcement':
      return latestAnnouncementView(src);
    case 'publication':
      return publicationView(src.publication?.(reply.itemId), reply.when, src);
    case 'not-held':
      return notHeldView(reply.field, reply.family, reply.year, src.book);
    case 'no-year':
      return noYearView(reply.years, src.book);
  }
}

function openButton(label: string, data: ButtonData, title: string): FlexComponent[] {
  return fragment('button-primary', { label, data, displayText: truncate(title, 100) });
}

/** The fact as it is stated first: a clause's doer for "who", else the value itself. */
function statedValue(unit: FactUnit, kind: QuestionKind | null): string {
  if (unit.field === 'clause' && kind === 'who' && unit.agent) return unit.agent;
  return unit.value.replace(/\s+/g, ' ').trim();
}

/** True when the question named a time (a year, ล่าสุด, ปีที่แล้ว, ปีนั้น, a comparison): the answer then says its year. */
export function asksTime(shape: QuestionShape): boolean {
  const { time } = shape;
  return time.years.length > 0 || time.back !== null || time.latest || time.thatYear || time.compare;
}

/** Facts that are the same whatever the year (where the town is, what ITA stands for). */
const TIMELESS: ReadonlySet<string> = new Set(['itaName', 'agency', 'district', 'province', 'fiscalYear']);

/** The label, with the fiscal year for the score, for an older year's fact and when a time was asked. */
function labelWithYear(unit: FactUnit, book: FactBook, shape: QuestionShape): string {
  // An older year's fact always says its year; the newest only when a time was asked.
  const timed = asksTime(shape) || unit.year !== book.years[0];
  const year = fillWording(book.service.wording.year, { year: unit.year });
  return unit.field === 'score' || (timed && book.years.length > 1 && !TIMELESS.has(unit.field))
    ? `${unit.label} ${year}`
    : unit.label;
}

function factView(reply: Extract<Reply, { type: 'fact' }>, book: FactBook, shape: QuestionShape): AnswerView {
  const unit = reply.units[0]!;
  const { wording } = book.service;
  const fact = `${labelWithYear(unit, book, shape)}: ${reply.stated ?? statedValue(unit, shape.kind)}`;
  return {
    // A yes/no over a number says yes or no first, then the fact it rests on.
    headline:
      reply.verdict === undefined
        ? fact
        : fillWording(reply.verdict ? wording.verdictYes : wording.verdictNo, { fact }),
    content: quoted(unit.quote),
    source: unit.source,
    place: unit.place,
    actions: openButton(book.service.wording.openItem, browseButton(unit.open), unit.place),
  };
}

function comparisonView(units: readonly FactUnit[], book: FactBook): AnswerView {
  const year = (u: FactUnit): string => fillWording(book.service.wording.year, { year: u.year });
  const [first] = units;
  return {
    headline: `${first!.label}: ${units.map((u) => `${year(u)} ${statedValue(u, null)}`).join(' · ')}`,
    content: units.flatMap((u) => [...fragment('heading', { text: year(u) }), ...quoted(u.quote)]),
    source: first!.source,
    place: units.map((u) => `${year(u)}: ${u.source}`).join(' · '),
    actions: openButton(book.service.wording.openItem, browseButton(first!.open), first!.place),
  };
}

function serviceView(fact: ServiceFact, book: FactBook): AnswerView {
  const { wording } = book.service;
  const actions =
    fact.action === 'tip'
      ? fragment('button-message', { label: wording.startTip, text: wording.startTip })
      : fact.action === 'subscribe'
        ? fragment('button-message', { label: wording.subscribe, text: wording.subscribe })
        : [];
  return {
    headline: fact.answer,
    content: fragment('paragraph', { text: fact.detail }),
    source: wording.serviceSource,
    place: fact.label,
    actions,
  };
}

/** A publication asked about: its date first for "when", else its title; its wording quoted. */
function publicationView(hit: PublicationHit | undefined, when: boolean, src: AnswerSources): AnswerView {
  const { labels, wording } = src.book.service;
  if (!hit) return noYearView([], src.book);
  const date = hit.publishedAt ? formatDateThai(new Date(hit.publishedAt)) : '';
  return {
    headline: when && date ? `${labels.publication}: ${date}` : hit.title,
    content: quoted(hit.body),
    source: [hit.topicName, hit.title].filter(Boolean).join(' · '),
    place: date ? `${labels.publication} ${date}` : hit.title,
    actions: openButton(wording.openItem, publicationButton({ a: 'pub', id: hit.id }), hit.title),
  };
}

/** The newest announcement: imported or published under the `announcement` topic, whichever is newer. */
function latestAnnouncementView(src: AnswerSources): AnswerView {
  const { labels, wording } = src.book.service;
  const imported = src.library.announcement();
  const published = src.latestAnnouncement?.();
  const publishedDate = published?.publishedAt?.slice(0, 10) ?? '';
  if (published && (!imported || publishedDate > imported.date)) {
    const date = published.publishedAt ? formatDateThai(new Date(published.publishedAt)) : '';
    return {
      headline: `${labels.latestAnnouncement}: ${published.title}`,
      content: quoted(published.body),
      source: published.topicName ?? labels.latestAnnouncement,
      place: date,
      actions: openButton(wording.openItem, publicationButton({ a: 'pub', id: published.id }), published.title),
    };
  }
  if (!imported) return noYearView([], src.book);
  const t = src.book.service.templates;
  return {
    headline: `${labels.latestAnnouncement}: ${fillWording(t.announcementSubject, { subject: imported.subject })}`,
    content: quoted(imported.preamble || imported.subject),
    source: fillWording(t.announcement, { subject: imported.subject }),
    place: fillWording(t.announcementDate, { date: imported.dateText }),
    actions: openButton(wording.openItem, browseButton({ a: 'announcement' }), imported.subject),
  };
}

function notHeldView(
  field: keyof FactBook['service']['labels'],
  family: string | null,
  year: number,
  book: FactBook,
): AnswerView {
  const { labels, wording } = book.service;
  const held = family ? book.ofFamily(family, year)[0] : undefined;
  const about = held?.place ?? '';
  return {
    headline: fillWording(wording.notHeld, { label: labels[field] }),
    content: fragment('paragraph', { text: fillWording(wording.notHeldDetail, { about: about || labels.clause }) }),
    source: held?.source ?? wording.serviceSource,
    place: about || wording.serviceSource,
    actions: held ? openButton(wording.openItem, browseButton(held.open), held.place) : [],
  };
}
