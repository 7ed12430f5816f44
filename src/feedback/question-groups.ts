import type { QuestionRecord } from '../content/question-log.js';

/**
 * Questions grouped for the staff console: by the question's text, or, when the log kept no
 * text (it might have been a report), by the item that answered it. A group staff dismissed
 * hides the questions asked up to the dismissal; the same question asked later shows again.
 */
export interface QuestionGroup {
  /** The group's key: the text, or "answer:<item id>". Dismissals refer to it. */
  key: string;
  /** The question as residents wrote it (normalised), or null when it was not kept. */
  text: string | null;
  count: number;
  lastAt: string;
  /** The latest record's item and score. */
  last: Readonly<QuestionRecord>;
  /** Items it was answered with, most recent first. */
  matches: string[];
}

/** The key a record is grouped and dismissed by; null when it has neither text nor answer. */
export function groupKeyOf(record: Readonly<QuestionRecord>): string | null {
  if (record.text) return record.text;
  return record.match ? `answer:${record.match}` : null;
}

/** Groups `records` (oldest first), dismissed ones left out, largest first, at most `limit`. */
export function groupQuestions(
  records: readonly Readonly<QuestionRecord>[],
  dismissed: ReadonlyMap<string, string>,
  limit: number,
): QuestionGroup[] {
  const groups = new Map<string, QuestionGroup>();
  for (const record of records) {
    const key = groupKeyOf(record);
    if (key === null || (dismissed.get(key) ?? '') >= record.at) continue;
    const group = groups.get(key) ?? {
      key,
      text: record.text ?? null,
      count: 0,
      lastAt: record.at,
      last: record,
      matches: [],
    };
    group.count += 1;
    group.lastAt = record.at;
    group.last = record;
    if (record.match) group.matches = [record.match, ...group.matches.filter((m) => m !== record.match)];
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt)).slice(0, limit);
}

/** The three lists of the questions page, from the search questions of a period. */
export function questionLists(
  asked: readonly Readonly<QuestionRecord>[],
  dismissed: ReadonlyMap<string, string>,
  lowScore: number,
  limit: number,
) {
  const withText = asked.filter((q) => q.text);
  return {
    unanswered: groupQuestions(
      withText.filter((q) => q.match === null),
      dismissed,
      limit,
    ),
    lowConfidence: groupQuestions(
      withText.filter((q) => q.match !== null && (q.score ?? 0) < lowScore),
      dismissed,
      limit,
    ),
    unhelpful: groupQuestions(
      asked.filter((q) => q.vote === 'down'),
      dismissed,
      limit,
    ),
  };
}
