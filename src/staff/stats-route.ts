import express, { type Router } from 'express';
import { z } from 'zod';
import type { QuestionLog } from '../content/question-log.js';
import type { FriendRepo } from '../people/friend-repo.js';

/** Figures each feature adds to the statistics, for a date range [from, to). */
export interface StatsSources {
  friends: FriendRepo;
  questions: QuestionLog;
  /** Friends currently subscribed to at least one topic. */
  subscribers: () => number;
  tips?: (from: Date, to: Date) => { open: number; overdue: number } & Record<string, unknown>;
  publications?: (from: Date, to: Date) => number;
}

const RangeQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** GET /staff/api/stats?from=ISO&to=ISO: the figures the executives' reports are made of. */
export function createStatsRouter(sources: StatsSources, clock: () => Date): Router {
  const router = express.Router();
  router.get('/', (req, res) => {
    const q = RangeQuery.parse(req.query);
    const from = q.from ? new Date(q.from) : new Date(0);
    const to = q.to ? new Date(q.to) : new Date(clock().getTime() + 1);
    const asked = sources.questions.between(from, to).filter((r) => r.intent === 'search');
    res.json({
      range: { from: from.toISOString(), to: to.toISOString() },
      friends: sources.friends.counts(),
      subscribers: sources.subscribers(),
      questions: asked.length,
      unanswered: asked.filter((r) => r.match === null).length,
      tips: sources.tips?.(from, to) ?? { open: 0, overdue: 0 },
      publications: sources.publications?.(from, to) ?? 0,
    });
  });
  return router;
}
