import type { QuestionStore, QuestionRecord } from '../content/question-log.js';
import type { Awaitable } from '../storage/awaitable.js';
import { addBangkokDays } from '../thai/bangkok-time.js';
import { weeksOf } from './fiscal-quarter.js';

/** Tips in a date range, from the tips feature. Raw counts: the report hides the small ones. */
export interface TipFigures {
  received: number;
  closed: number;
  open: number;
  overdue: number;
  /** Tips received in the range, by their status now. */
  byStatus: Record<string, number>;
}

/** One publication and its delivery, from the publications feature. */
export interface PublicationFigure {
  id: string;
  title: string;
  topic: string;
  state: string;
  /** When it went (or goes) out, ISO. */
  at: string;
  recipients: number;
  accepted: number;
  failed: number;
  pending: number;
}

/** Friends and subscribers gained and lost in a range. */
export interface PeopleChanges {
  friendsGained: number;
  friendsLost: number;
  subscribersGained: number;
  subscribersLost: number;
}

/**
 * Where the report's figures come from. The friends' figures may be awaited: a tenant's
 * friends answer from PostgreSQL, the town's FriendRepo at once.
 */
export interface ReportSources {
  questions: QuestionStore;
  friends: () => Awaitable<{ following: number; blocked: number }>;
  /** Friends subscribed to at least one topic, now. */
  subscribers: () => Awaitable<number>;
  subscribersByTopic: () => Awaitable<Record<string, number>>;
  people?: (from: Date, to: Date) => Awaitable<PeopleChanges>;
  /** The title of an answer item (content or publication), for "most asked"; undefined once it is gone. */
  itemTitle: (id: string) => string | undefined;
  tips?: (from: Date, to: Date) => TipFigures;
  publications?: (from: Date, to: Date) => PublicationFigure[];
}

/** A matched answer below this score is "low confidence": worth a look on the questions page. */
export const LOW_CONFIDENCE_SCORE = 0.4;
const TOP = 10;
/** What "most asked" names an item that was removed since (never its raw id). */
export const GONE_ITEM = 'เรื่องที่ถูกนำออกจากระบบแล้ว';
/** A range longer than this many Bangkok calendar days gets no weekly chart (since 1970 would be 2,900 weeks). */
const MAX_WEEKLY_RANGE_DAYS = 400;

export interface ReportFigures {
  range: { from: string; to: string };
  questions: {
    asked: number;
    answered: number;
    unanswered: number;
    lowConfidence: number;
    answeredShare: number | null;
  };
  mostAsked: Array<{ id: string; title: string; count: number }>;
  topUnanswered: Array<{ text: string; count: number }>;
  friends: { following: number; blocked: number } & Partial<PeopleChanges>;
  subscribers: { total: number; byTopic: Record<string, number> };
  publications: PublicationFigure[];
  tips: TipFigures | null;
  weekly: Array<{ from: string; to: string; asked: number; answered: number }>;
}

/** Questions put to the search (menu commands and tips are not questions). */
export const searchQuestions = async (log: QuestionStore, from: Date, to: Date): Promise<QuestionRecord[]> =>
  (await log.between(from, to)).filter((q) => q.intent === 'search');

/** Every figure of the executives' report for [from, to); the console, CSV and API share it. */
export async function computeReport(sources: ReportSources, from: Date, to: Date): Promise<ReportFigures> {
  const asked = await searchQuestions(sources.questions, from, to);
  const answered = asked.filter((q) => q.match !== null);
  const [friends, total, byTopic] = await Promise.all([
    sources.friends(),
    sources.subscribers(),
    sources.subscribersByTopic(),
  ]);
  return {
    range: { from: from.toISOString(), to: to.toISOString() },
    questions: {
      asked: asked.length,
      answered: answered.length,
      unanswered: asked.length - answered.length,
      lowConfidence: answered.filter((q) => (q.score ?? 0) < LOW_CONFIDENCE_SCORE).length,
      answeredShare: asked.length > 0 ? answered.length / asked.length : null,
    },
    mostAsked: countBy(answered, (q) => q.match!).map(([id, count]) => ({
      id,
      title: sources.itemTitle(id) ?? GONE_ITEM,
      count,
    })),
    topUnanswered: countBy(
      asked.filter((q) => q.match === null && q.text),
      (q) => q.text!,
    ).map(([text, count]) => ({ text, count })),
    friends: { ...friends, ...(await sources.people?.(from, to)) },
    subscribers: { total, byTopic },
    publications: sources.publications?.(from, to) ?? [],
    tips: sources.tips?.(from, to) ?? null,
    // Weeks only for a report-sized range (a year or so), not for "since the beginning"
    weekly: (to > addBangkokDays(from, MAX_WEEKLY_RANGE_DAYS) ? [] : weeksOf(from, to)).map((w) => {
      const inWeek = asked.filter((q) => q.at >= w.from.toISOString() && q.at < w.to.toISOString());
      return {
        from: w.from.toISOString(),
        to: w.to.toISOString(),
        asked: inWeek.length,
        answered: inWeek.filter((q) => q.match !== null).length,
      };
    }),
  };
}

/** The most frequent keys, most first (ties by key), at most TOP of them. */
function countBy<T>(rows: T[], key: (row: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP);
}

/**
 * Counts of 1 to 4 are shown as "<5", so a small number cannot point at a person (tips).
 * Zero stays 0: "none overdue" must read as none, and a 0 points at nobody.
 */
export const smallCount = (n: number): number | '<5' => (n > 0 && n < 5 ? '<5' : n);

/** The figures as the report shows them: tip counts under 5 hidden (for the API and CSV). */
export function publicFigures(f: ReportFigures) {
  const t = f.tips;
  return {
    ...f,
    tips: t && {
      received: smallCount(t.received),
      closed: smallCount(t.closed),
      open: smallCount(t.open),
      overdue: smallCount(t.overdue),
      byStatus: Object.fromEntries(Object.entries(t.byStatus).map(([k, v]) => [k, smallCount(v)])),
    },
  };
}
