import { topicName as catalogName, topics } from './topic-catalog.js';

/** Topic names from data/topics.json (the same the residents read); an unknown id shows as itself. */
export const topicName = (id: string): string => (topics().some((t) => t.id === id) ? catalogName(id) : id);
export const TOPICS = topics().map((t) => ({ id: t.id, name: t.name }));
