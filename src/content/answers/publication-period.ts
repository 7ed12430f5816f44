import type { SearchHit } from '../search-hit.js';
import { bangkokParts } from '../../thai/bangkok-time.js';
import { BE_OFFSET, THAI_MONTHS, THAI_MONTHS_SHORT } from '../../thai/date.js';
import type { QuestionShape } from './read-question.js';

/** What the answers read from publishing: published items newest first, and one as search shows it. */
export interface PublicationFeed {
  latest(): readonly { id: string; topic: string; publishedAt: string | null }[];
  hit(id: string): SearchHit | undefined;
}

/** Publications of a topic asked for by when they were published ("ข่าวปี 2569", "ประกาศเดือนที่แล้ว"). */
export interface PeriodAsked {
  topic: string;
  /** Buddhist-era calendar year, and the month (1-12) when one was asked. */
  year: number;
  month: number | null;
  /** The period in Bangkok time, as instants: [from, to). */
  from: number;
  to: number;
}

/** Topic words, the first found wins; the topics' names are in data/topics.json. */
const TOPIC_WORDS: readonly [string, RegExp][] = [
  ['procurement', /จัดซื้อ|จัดจ้าง|ประกวดราคา|procurement/iu],
  ['news', /ข่าว|news/iu],
  ['announcement', /ประกาศ|announcement/iu],
];
const THIS_MONTH = /เดือนนี้|this month/iu;
const LAST_MONTH = /เดือนที่แล้ว|เดือนก่อน|เดือนที่ผ่านมา|last month/iu;
const BANGKOK_MS = 7 * 3600_000;

/**
 * The topic and the period a question asks publications for, or null. A year alone picks
 * news and procurement (the announcement with a year is the imported one of that fiscal year);
 * a month picks any of them. Years are calendar years in Bangkok.
 */
export function periodAsked(shape: QuestionShape, now: Date): PeriodAsked | null {
  // A fact asked about ("ประกาศลงวันที่ 10 มกราคม") is not a list of what was published.
  if (shape.fields.length > 0 || (shape.kind !== null && shape.kind !== 'list' && shape.kind !== 'count')) return null;
  const text = shape.time.rest;
  const topic = TOPIC_WORDS.find(([, words]) => words.test(text))?.[0];
  if (!topic) return null;
  const today = bangkokParts(now);
  const named = monthNamed(text);
  const month =
    named ?? (THIS_MONTH.test(text) ? today.month : LAST_MONTH.test(text) ? ((today.month + 10) % 12) + 1 : null);
  const [yearAsked] = shape.time.years;
  if (month === null && (yearAsked === undefined || topic === 'announcement' || shape.time.years.length > 1))
    return null;
  // A month without a year is the latest one of that name (last month in January is last December).
  const ceYear =
    yearAsked !== undefined
      ? yearAsked - BE_OFFSET
      : month !== null && month > today.month
        ? today.year - 1
        : today.year;
  const from = Date.UTC(ceYear, month === null ? 0 : month - 1, 1) - BANGKOK_MS;
  const to = (month === null ? Date.UTC(ceYear + 1, 0, 1) : Date.UTC(ceYear, month, 1)) - BANGKOK_MS;
  return { topic, year: ceYear + BE_OFFSET, month, from, to };
}

/** The month a text names in full or abbreviated ("มกราคม", "ม.ค."). */
function monthNamed(text: string): number | null {
  const full = THAI_MONTHS.findIndex((m) => text.includes(m));
  if (full >= 0) return full + 1;
  const short = THAI_MONTHS_SHORT.findIndex((m) => text.includes(m));
  return short >= 0 ? short + 1 : null;
}

export type PublishedHit = Extract<SearchHit, { kind: 'publication' }>;

/** The published items of the period, newest first, as search shows them. */
export function publishedIn(feed: PublicationFeed, asked: PeriodAsked): PublishedHit[] {
  const hits: PublishedHit[] = [];
  for (const p of feed.latest()) {
    const at = p.publishedAt ? Date.parse(p.publishedAt) : NaN;
    if (p.topic !== asked.topic || !(at >= asked.from && at < asked.to)) continue;
    const hit = feed.hit(p.id);
    if (hit?.kind === 'publication') hits.push(hit);
  }
  return hits;
}
