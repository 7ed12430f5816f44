import type { messagingApi } from '@line/bot-sdk';
import type { BotContext } from '../bot/context.js';
import type { Understanding } from '../bot/understand.js';
import { answerQuestion, type Reply } from '../content/answers/answer-question.js';
import type { Answers } from '../content/answers/answers.js';
import type { FactBook } from '../content/answers/fact-book.js';
import {
  periodAsked,
  publishedIn,
  type PeriodAsked,
  type PublicationFeed,
} from '../content/answers/publication-period.js';
import { periodMessages } from '../flex/answer-period-view.js';
import { topicName } from '../subscriptions/topic-catalog.js';
import type { ContentLibrary } from '../content/library.js';
import { newQuestionId, type QuestionStore, type QuestionRecord } from '../content/question-log.js';
import type { SearchItem } from '../content/search-items.js';
import { withFeedback } from '../flex/answer-bubble.js';
import { answerMessages, asksTime, type AnswerSources } from '../flex/answer-views.js';
import { viewsOf } from '../flex/message-cache.js';
import { notFoundMessages, searchResultMessages, type PublicationHit, type SearchHit } from '../flex/messages.js';

export interface AnswerDeps {
  library: ContentLibrary;
  questions: QuestionStore;
  resolve: (item: SearchItem) => SearchHit | undefined;
  /** Fact-level answers; without them a question is answered with whole items. */
  answers?: Answers;
}

type Search = Extract<Understanding, { intent: 'search' }>;

/** A question for the content: the fact asked for first, or the items found, with 👍/👎. */
export async function answerSearch(deps: AnswerDeps, ctx: BotContext, u: Search, text: string): Promise<void> {
  const id = newQuestionId();
  const answers = deps.answers;
  const asked = answers?.feed ? periodAsked(u.shape, ctx.now) : null;
  if (answers?.feed && asked) return answerPeriod(deps, ctx, u, { asked, feed: answers.feed, book: answers.book }, id);
  const context = answers && ctx.userId ? answers.memory.get(ctx.userId, ctx.now) : null;
  const answered = answers ? answerQuestion(answers.book, u, context) : { reply: legacyReply(u), context: null };
  if (answers && ctx.userId && answered.context) answers.memory.set(ctx.userId, answered.context, ctx.now);
  ctx.reply(...messagesFor(deps, u, answered.reply, text, id));
  await deps.questions.record({
    id,
    ...(ctx.event.webhookEventId ? { event: ctx.event.webhookEventId } : {}),
    at: ctx.now.toISOString(),
    intent: 'search',
    text: u.normalized,
    ...matchOf(answered.reply, u),
  });
}

/** Publications asked for by when they were published: drawn each time, as publishing goes on. */
async function answerPeriod(
  deps: AnswerDeps,
  ctx: BotContext,
  u: Search,
  p: { asked: PeriodAsked; feed: PublicationFeed; book: FactBook },
  id: string,
): Promise<void> {
  const hits = publishedIn(p.feed, p.asked);
  ctx.reply(
    ...withFeedback(periodMessages(p.asked, hits, p.book, deps.library.agencyName(), topicName(p.asked.topic)), id),
  );
  const match = hits[0]
    ? { match: `publications:${p.asked.topic}`, kind: 'publication', score: null }
    : { match: null, kind: null, score: null };
  await deps.questions.record({
    id,
    ...(ctx.event.webhookEventId ? { event: ctx.event.webhookEventId } : {}),
    at: ctx.now.toISOString(),
    intent: 'search',
    text: u.normalized,
    ...match,
  });
}

function legacyReply(u: Search): Reply {
  return u.best ? { type: 'items', ids: [u.best.item.id, ...u.runnersUp.map((h) => h.item.id)] } : { type: 'none' };
}

function messagesFor(deps: AnswerDeps, u: Search, reply: Reply, text: string, id: string): messagingApi.Message[] {
  if (reply.type === 'none') return withFeedback(notFoundMessages(text, suggestions(deps.library)), id);
  if (reply.type === 'items') {
    const found = (itemId: string) =>
      deps.answers?.item(itemId) ?? [u.best, ...u.runnersUp].find((h) => h?.item.id === itemId)?.item;
    return withFeedback(itemMessages(deps, reply.ids, found), id);
  }
  const family = reply.type === 'fact' ? reply.units[0]?.family : undefined;
  const related =
    reply.type === 'fact' || reply.type === 'not-held'
      ? u.runnersUp
          .concat(u.best ?? [])
          .filter((h) => deps.answers?.book.familyOfItem(h.item.id) !== family)
          .slice(0, 3)
      : [];
  const build = (): messagingApi.Message[] => {
    const hits = related.map((h) => deps.resolve(h.item)).filter((h): h is SearchHit => h !== undefined);
    return answerMessages(reply, answerSources(deps), u.shape, hits);
  };
  // Answers from documents are the same for everyone asking alike: drawn once, then served from the cache.
  const live =
    reply.type === 'publication' ||
    reply.type === 'latest-announcement' ||
    related.some((h) => h.item.kind === 'publication');
  const key = `answer:${replyKey(reply)}:${u.shape.kind === 'who' ? 'who' : ''}:${asksTime(u.shape) ? 'time' : ''}:${related.map((h) => h.item.id).join(',')}`;
  return withFeedback(live ? build() : viewsOf(deps.library).get(key, build), id);
}

function answerSources(deps: AnswerDeps): AnswerSources {
  const publication = (itemId: string): PublicationHit | undefined => {
    const item = deps.answers?.item(itemId);
    const hit = item && deps.resolve(item);
    return hit?.kind === 'publication' ? hit : undefined;
  };
  return {
    book: deps.answers!.book,
    library: deps.library,
    publication,
    ...(deps.answers?.latestAnnouncement ? { latestAnnouncement: deps.answers.latestAnnouncement } : {}),
  };
}

/** A reply's identity: facts by their ids, the rest as they are. */
function replyKey(reply: Reply): string {
  return JSON.stringify(reply, (_key, value: unknown) =>
    value && typeof value === 'object' && 'quote' in value && 'id' in value ? (value as { id: string }).id : value,
  );
}

/** Whole items, best first (cached per combination: they are the same for everyone). */
function itemMessages(
  deps: AnswerDeps,
  ids: readonly string[],
  found: (id: string) => SearchItem | undefined,
): messagingApi.Message[] {
  const items = ids.map(found).filter((i): i is SearchItem => i !== undefined);
  const build = (): messagingApi.Message[] => {
    const hits = items.map((item) => deps.resolve(item)).filter((h): h is SearchHit => h !== undefined);
    // Cached and shared between residents: never echo the question here.
    return hits.length > 0 ? searchResultMessages(hits) : notFoundMessages('', suggestions(deps.library));
  };
  // Publications can change while the bot runs; answers from documents only are cached.
  if (items.some((item) => item.kind === 'publication')) return build();
  return viewsOf(deps.library).get(`search:${ids.join(',')}`, build);
}

/** What the question log keeps about the answer (never the user). */
function matchOf(reply: Reply, u: Search): Pick<QuestionRecord, 'match' | 'kind' | 'score'> {
  const score = u.best ? Number(u.best.score.toFixed(3)) : null;
  switch (reply.type) {
    // The kind of the item the fact belongs to ("measure:2" → measure), as the console groups answers.
    case 'fact':
      return { match: reply.units[0]?.itemId ?? null, kind: reply.units[0]?.family.split(':')[0] ?? null, score };
    case 'service':
      return { match: `service:${reply.fact.id}`, kind: 'service', score };
    case 'items':
      return { match: reply.ids[0] ?? null, kind: u.best?.item.kind ?? null, score };
    case 'measure-list':
      return { match: 'measures', kind: 'list', score };
    case 'section-list':
      return { match: 'sections', kind: 'list', score };
    case 'across':
      return { match: `measures:${reply.units[0]?.field ?? ''}`, kind: 'list', score };
    case 'latest-announcement':
      return { match: 'announcement:latest', kind: 'announcement', score };
    case 'publication':
      return { match: reply.itemId, kind: 'publication', score };
    default:
      return { match: null, kind: null, score: null };
  }
}

/** Questions the bot can answer, offered when it could not answer the one asked. */
export function suggestions(library: ContentLibrary): string[] {
  const out: string[] = [];
  const ita = library.ita();
  if (ita) out.push(`ผล ITA ปี ${ita.fiscalYear}`);
  for (const m of library.measures().slice(0, 4)) out.push(m.title.replace(/^มาตรการ(เรื่อง)?\s*/, ''));
  return out;
}
