import type { Announcement, AnnouncementSection, ItaResult, Measure } from './model.js';

/** A search hit: the kind, then the item's own fields. */
export type SearchHit =
  | ({ kind: 'measure' } & Measure)
  | ({ kind: 'ita' } & ItaResult)
  | ({ kind: 'announcement' } & Announcement)
  | ({ kind: 'section'; announcement: Announcement } & AnnouncementSection)
  | ({ kind: 'publication' } & PublicationHit);

/** A published item (news, procurement, ...) as search shows it. */
export interface PublicationHit {
  id: string;
  title: string;
  body: string;
  /** Thai topic name, e.g. "ข่าวประชาสัมพันธ์". */
  topicName?: string;
  /** ISO 8601 instant it was published. */
  publishedAt?: string;
  url?: string;
}
