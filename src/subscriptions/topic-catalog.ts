import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SHIPPED_DATA_DIR } from '../paths.js';
import { TOPIC_IDS, type TopicId } from './topics.js';

const TopicSchema = z.object({
  id: z.enum(TOPIC_IDS),
  /** Thai name shown on cards and in notifications. */
  name: z.string().min(1).max(60),
  /** One line under the name on the settings card. */
  description: z.string().min(1).max(200),
  /** Words that name the topic in a message ("ไม่รับข่าวจัดซื้อ"), longest matched first. */
  keywords: z.array(z.string().min(1)).min(1),
});
export type Topic = z.infer<typeof TopicSchema>;

const TopicFileSchema = z
  .object({ topics: z.array(TopicSchema) })
  .refine((file) => file.topics.map((t) => t.id).join() === TOPIC_IDS.join(), {
    error: `must list each topic once, in the order ${TOPIC_IDS.join(', ')}`,
  });

let cached: readonly Topic[] | undefined;

/** The topics' Thai names and descriptions from data/topics.json (read once, validated). */
export function topics(): readonly Topic[] {
  if (cached) return cached;
  const file = path.join(SHIPPED_DATA_DIR, 'topics.json');
  const parsed = TopicFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.message}`);
  cached = parsed.data.topics;
  return cached;
}

export function topic(id: TopicId): Topic {
  return topics().find((t) => t.id === id)!;
}

export function topicName(id: string): string {
  return topics().find((t) => t.id === id)?.name ?? 'ข่าวสารจากเทศบาล';
}

export function isTopicId(id: string): id is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(id);
}

/**
 * Topics a message names ("ขอรับข่าวจัดซื้อจัดจ้าง" → procurement); empty when it names none.
 * Longer keywords claim their words first, so "ประกาศจัดซื้อจัดจ้าง" is procurement only.
 */
export function topicsNamedIn(text: string): TopicId[] {
  const compact = squeeze(text);
  const claimed: Array<[number, number]> = [];
  const found = new Set<TopicId>();
  const words = topics().flatMap((t) => t.keywords.map((word) => ({ id: t.id, word: squeeze(word) })));
  for (const { id, word } of words.sort((a, b) => b.word.length - a.word.length)) {
    for (let at = compact.indexOf(word); at >= 0; at = compact.indexOf(word, at + 1)) {
      const end = at + word.length;
      if (claimed.some(([s, e]) => at < e && s < end)) continue;
      claimed.push([at, end]);
      found.add(id);
    }
  }
  return TOPIC_IDS.filter((id) => found.has(id));
}

const squeeze = (text: string) => text.toLowerCase().replace(/\s+/g, '');
