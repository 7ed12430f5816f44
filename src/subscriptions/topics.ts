/**
 * Topic ids are stable (outside checks and stored subscriptions use them); their Thai names
 * and descriptions live in data/topics.json.
 */
export const TOPIC_IDS = ['news', 'announcement', 'procurement', 'measure', 'report'] as const;
export type TopicId = (typeof TOPIC_IDS)[number];
