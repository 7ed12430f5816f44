import { addBangkokDays } from '../thai/bangkok-time.js';
import type { TipRecord, TipStatus } from './tip-model.js';
import { TIP_STATUSES } from './tip-model.js';

/** The deadlines and the retention period, from TIP_ACK_DAYS, TIP_FEEDBACK_DAYS and TIP_RETENTION_DAYS. */
export interface TipRules {
  acknowledgeDays: number;
  feedbackDays: number;
  retentionDays: number;
}

export const DEFAULT_TIP_RULES: TipRules = { acknowledgeDays: 7, feedbackDays: 90, retentionDays: 365 };

/** `days` days after an ISO instant, counted on Bangkok's calendar. */
export const addDays = (iso: string, days: number): Date => addBangkokDays(iso, days);

type Dated = Pick<TipRecord, 'receivedAt' | 'status' | 'acknowledgedAt' | 'feedbackAt'>;

export function deadlinesOf(tip: Dated, rules: TipRules): { acknowledgeBy: Date; feedbackBy: Date } {
  return {
    acknowledgeBy: addDays(tip.receivedAt, rules.acknowledgeDays),
    feedbackBy: addDays(tip.receivedAt, rules.feedbackDays),
  };
}

/**
 * Which deadline a tip has missed by `now`: acknowledgement (still "received" after 7 days)
 * or feedback (nothing the reporter can read after 90 days, and not closed).
 */
export function overdueOf(tip: Dated, rules: TipRules, now: Date): { acknowledge: boolean; feedback: boolean } {
  const { acknowledgeBy, feedbackBy } = deadlinesOf(tip, rules);
  return {
    acknowledge: tip.acknowledgedAt === null && tip.status === 'received' && now > acknowledgeBy,
    feedback: tip.feedbackAt === null && tip.status !== 'closed' && now > feedbackBy,
  };
}

/** The figures /staff/api/stats shows: open and overdue now, received and closed in [from, to). */
export function tipStats(
  tips: ReadonlyArray<Dated & Pick<TipRecord, 'closedAt'>>,
  rules: TipRules,
  now: Date,
  from: Date,
  to: Date,
) {
  const byStatus = Object.fromEntries(TIP_STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
  let overdueAcknowledge = 0;
  let overdueFeedback = 0;
  let overdue = 0;
  let received = 0;
  let closed = 0;
  const inRange = (iso: string | null) =>
    iso !== null && Date.parse(iso) >= from.getTime() && Date.parse(iso) < to.getTime();
  for (const tip of tips) {
    byStatus[tip.status] += 1;
    const o = overdueOf(tip, rules, now);
    if (o.acknowledge) overdueAcknowledge += 1;
    if (o.feedback) overdueFeedback += 1;
    if (o.acknowledge || o.feedback) overdue += 1;
    if (inRange(tip.receivedAt)) received += 1;
    if (inRange(tip.closedAt)) closed += 1;
  }
  return {
    open: tips.length - byStatus.closed,
    overdue,
    overdueAcknowledge,
    overdueFeedback,
    received,
    closed,
    byStatus,
  };
}
