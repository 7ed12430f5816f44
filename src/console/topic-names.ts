import { TOPIC_IDS } from '../people/topics.js';

/** Thai names of the topic ids (CONTRACT.md), for tables and forms. */
export const TOPIC_NAMES: Record<string, string> = {
  news: 'ข่าวประชาสัมพันธ์',
  announcement: 'ประกาศ',
  procurement: 'จัดซื้อจัดจ้าง',
  measure: 'มาตรการส่งเสริมคุณธรรมและความโปร่งใส',
  report: 'รายงานผลการดำเนินงาน',
};

export const topicName = (id: string): string => TOPIC_NAMES[id] ?? id;
export const TOPICS = TOPIC_IDS.map((id) => ({ id, name: topicName(id) }));
