import { createHash } from 'node:crypto';
import { z } from 'zod';
import { newQuestionId } from './question-id.js';
import { keptText } from './question-privacy.js';

export const QuestionRecordSchema = z.object({
  /** The question's id (newQuestionId); 👍/👎 votes refer to it. */
  id: z.string().optional(),
  /** LINE's webhookEventId: a replayed event is recorded once. */
  event: z.string().optional(),
  at: z.string(),
  intent: z.string(),
  /** Normalised question text; absent when it must not be kept (see question-privacy.ts). */
  text: z.string().optional(),
  /** Id of the item given as the answer, or null when nothing matched. */
  match: z.string().nullable(),
  kind: z.string().nullable(),
  score: z.number().nullable(),
  /** The resident's answer to "was this helpful?", when they gave one. */
  vote: z.enum(['up', 'down']).optional(),
});
/**
 * Every question residents ask, for statistics and for improving answers: when, the
 * normalised text (only when it cannot be a report), what it matched, how well, and whether
 * it helped. Never the user id.
 */
export type QuestionRecord = z.infer<typeof QuestionRecordSchema>;

/** Dismissals share the file under their own intent; they are not questions. */
export const DISMISSED = '@dismissed';

/** The key a dismissal of `group` is kept under (a digest: the group may be a resident's words). */
export const dismissalId = (group: string) => `d${createHash('sha256').update(group).digest('hex').slice(0, 20)}`;

export const dismissalRecord = (group: string, at: string): QuestionRecord => ({
  id: dismissalId(group),
  at,
  intent: DISMISSED,
  text: group,
  match: null,
  kind: null,
  score: null,
});

/** The record as it may be stored: an id, and a text only when it cannot be a report. */
export function sanitize(entry: QuestionRecord): QuestionRecord {
  const { text, ...rest } = entry;
  const kept = keptText(entry.intent, text);
  return { ...rest, id: entry.id ?? newQuestionId(), ...(kept !== undefined ? { text: kept } : {}) };
}
