import express, { type Router } from 'express';
import { z } from 'zod';
import type { Feature } from '../bot/feature.js';
import type { QuestionStore } from '../content/question-log.js';
import type { Awaitable } from '../storage/awaitable.js';
import type { FriendStore } from '../subscriptions/store/friend-store.js';
import { fiscalQuarter } from './fiscal-quarter.js';
import { computeReport, publicFigures, type ReportSources } from './report-figures.js';

/** Figures each feature adds to the statistics, for a date range [from, to); the friends' may be awaited. */
export interface StatsSources {
  friends: FriendStore;
  questions: QuestionStore;
  /** Friends currently subscribed to at least one topic. */
  subscribers: () => Awaitable<number>;
  tips?: (from: Date, to: Date) => { open: number; overdue: number } & Record<string, unknown>;
  publications?: (from: Date, to: Date) => number;
  /** The quarterly report's sources: when given, the answer also holds the report's figures. */
  report?: ReportSources;
}

const RangeQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** A Thai fiscal quarter instead of from/to: `fiscalYear=2569&quarter=1` (Buddhist era). */
  fiscalYear: z.coerce.number().int().min(2500).max(2800).optional(),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
});

/**
 * GET /staff/api/stats?from=ISO&to=ISO (or ?fiscalYear=2569&quarter=1): the figures the
 * executives' reports are made of; `report` holds the same figures as the console's
 * quarterly report (tip counts under 5 as "<5").
 */
export function createStatsRouter(sources: StatsSources, clock: () => Date): Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const q = RangeQuery.parse(req.query);
    const quarter = q.fiscalYear && q.quarter ? fiscalQuarter(q.fiscalYear, q.quarter as 1 | 2 | 3 | 4) : null;
    const from = quarter?.from ?? (q.from ? new Date(q.from) : new Date(0));
    const to = quarter?.to ?? (q.to ? new Date(q.to) : new Date(clock().getTime() + 1));
    const asked = (await sources.questions.between(from, to)).filter((r) => r.intent === 'search');
    res.json({
      range: { from: from.toISOString(), to: to.toISOString() },
      friends: await sources.friends.counts(),
      subscribers: await sources.subscribers(),
      questions: asked.length,
      unanswered: asked.filter((r) => r.match === null).length,
      tips: sources.tips?.(from, to) ?? { open: 0, overdue: 0 },
      publications: sources.publications?.(from, to) ?? 0,
      ...(sources.report ? { report: publicFigures(await computeReport(sources.report, from, to)) } : {}),
    });
  });
  return router;
}

/** The figures as a feature: GET /staff/api/stats, mounted like every feature's staff route. */
export function statsFeature(sources: StatsSources, clock: () => Date): Feature {
  return { name: 'stats', routes: [{ mount: 'staff-api', path: '/stats', router: createStatsRouter(sources, clock) }] };
}
