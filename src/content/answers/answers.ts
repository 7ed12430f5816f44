import type { PublicationHit, SearchHit } from '../search-hit.js';
import type { ContentDocument } from '../model.js';
import type { SearchIndex } from '../search-index.js';
import type { SearchItem } from '../search-items.js';
import { AnswerMemory } from './answer-memory.js';
import { FactBook } from './fact-book.js';
import type { PublicationFeed } from './publication-period.js';
import { loadServiceFacts } from './service-facts.js';

/** What the text handler needs to answer at the grain of facts. */
export interface Answers {
  book: FactBook;
  memory: AnswerMemory;
  /** The indexed item with this id (an answer may move to the same item of another year). */
  item: (id: string) => SearchItem | undefined;
  latestAnnouncement?: () => PublicationHit | undefined;
  /** What is published, for publications asked for by date ("ข่าวปี 2569"). */
  feed?: PublicationFeed;
}

/** Builds the fact book from the documents, the synonyms and data/service-facts.json. */
export function createAnswers(opts: {
  docs: readonly ContentDocument[];
  synonyms: readonly (readonly string[])[];
  /** The item index: synonyms staff add to it in the console reach the facts at once. */
  index?: SearchIndex;
  item: (id: string) => SearchItem | undefined;
  latestAnnouncement?: () => PublicationHit | undefined;
  feed?: PublicationFeed;
  serviceFactsFile?: string;
}): Answers {
  const book = new FactBook(opts.docs, opts.synonyms, loadServiceFacts(opts.serviceFactsFile));
  opts.index?.onSynonyms((synonyms) => book.setSynonyms(synonyms));
  return {
    book,
    memory: new AnswerMemory(),
    item: opts.item,
    ...(opts.latestAnnouncement ? { latestAnnouncement: opts.latestAnnouncement } : {}),
    ...(opts.feed ? { feed: opts.feed } : {}),
  };
}

/** The newest published item of a topic, as search shows it (publishing lists newest first). */
export function newestOfTopic(
  feed: { latest(): { id: string; topic: string }[]; hit(id: string): SearchHit | undefined },
  topic: string,
): PublicationHit | undefined {
  const newest = feed.latest().find((p) => p.topic === topic);
  const hit = newest ? feed.hit(newest.id) : undefined;
  return hit?.kind === 'publication' ? hit : undefined;
}
