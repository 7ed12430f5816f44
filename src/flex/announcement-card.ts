import type { messagingApi } from '@line/bot-sdk';
import { browseButton } from './browse-buttons.js';
import type { Announcement } from '../content/model.js';
import { formatIsoDateThai } from '../thai/date.js';
import { fillBubble, fragment } from './catalog.js';
import { READ_FULL } from './labels.js';
import { truncate } from './template.js';

const EXCERPT_CHARS = 120;

/**
 * The municipality's official announcement as one card among the latest news (the
 * ประกาศ/ข่าวล่าสุด tile shows both): agency and date, subject, the start of the preamble,
 * and the one "read in full" button every card has.
 */
export function announcementCard(ann: Announcement): messagingApi.FlexBubble {
  return fillBubble('search-result', {
    kindLabel: `ประกาศ${ann.agency} · ${formatIsoDateThai(ann.date)}`,
    title: truncate(`เรื่อง ${ann.subject}`, 160),
    excerpt: truncate(ann.preamble.replace(/\s+/g, ' ').trim() || ann.subject, EXCERPT_CHARS),
    actions: fragment('button-primary', {
      label: READ_FULL,
      data: browseButton({ a: 'announcement' }),
      displayText: truncate(`${READ_FULL}: ประกาศเรื่อง ${ann.subject}`, 100),
    }),
  });
}
