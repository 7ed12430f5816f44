import type { messagingApi } from '@line/bot-sdk';
import { browseButton } from './browse-buttons.js';
import type { Announcement, AnnouncementItem } from '../content/model.js';
import { formatIsoDateThai } from '../thai/date.js';
import { fillBubble, fragment } from './catalog.js';
import { bubbleMessage } from './flex-message.js';
import { clampPage, MAX_PAGES, pageLabel, TRUNCATED_NOTE } from './page-numbers.js';
import { paginate, type Block, type Line, type Page } from './page-layout.js';
import { finishReply } from './quick-reply.js';
import { EMPTY_CELL } from '../content/cell-text.js';
import { renderPage } from './render.js';
import { truncate, type FlexComponent } from './template.js';
import { textMessage } from './text-message.js';

/**
 * An announcement is read as numbered pages: page 0 is the cover (subject, date, the start of the
 * preamble, signer, the sections as buttons); then the whole preamble when the cover could not
 * hold it, then each section from the top of a page, and at the very end the date and signer as
 * in the document. "ต่อ" walks the pages; a section button jumps to that section's first page.
 */
type BodyPage = { title: string; sectionId?: string; page: Page };

const PREAMBLE_TITLE = 'ความเป็นมาของประกาศ';
const COVER_PREAMBLE_CHARS = 280;
const HEADER_TITLE_CHARS = 160;
const MAX_SECTION_BUTTONS = 12;

function itemLines(items: readonly AnnouncementItem[], depth = 0): Line[] {
  return items.flatMap((item) => {
    const marker = /[.)]$/.test(item.number) || item.number.includes('.') ? item.number : `${item.number}.`;
    const line: Line = { kind: 'item', marker, text: item.text, level: depth === 0 ? 0 : 1 };
    return [line, ...itemLines(item.subItems, depth + 1)];
  });
}

function paragraphs(text: string): Line[] {
  return text
    .split(/\n\s*\n/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ kind: 'para', text: t }));
}

function closingBlock(ann: Announcement): Block {
  return {
    lines: [
      { kind: 'para', text: `ประกาศ ณ วันที่ ${formatIsoDateThai(ann.date)}` },
      { kind: 'para', text: ann.signer },
      { kind: 'para', text: ann.position },
    ],
  };
}

/** Every page after the cover, in reading order. */
export function announcementBodyPages(ann: Announcement): BodyPage[] {
  const out: BodyPage[] = [];
  const preamble = ann.preamble.trim();
  const sections = ann.sections;
  if (preamble.length > COVER_PREAMBLE_CHARS) {
    const blocks: Block[] = [{ lines: paragraphs(preamble) }, ...(sections.length === 0 ? [closingBlock(ann)] : [])];
    for (const page of paginate(blocks)) out.push({ title: PREAMBLE_TITLE, page });
  }
  sections.forEach((section, i) => {
    const blocks: Block[] = [
      { lines: itemLines(section.items) },
      ...(i === sections.length - 1 ? [closingBlock(ann)] : []),
    ];
    for (const page of paginate(blocks)) out.push({ title: section.title, sectionId: section.id, page });
  });
  const kept = out.slice(0, MAX_PAGES - 1);
  if (out.length > kept.length)
    kept[kept.length - 1]?.page.push({ continued: false, lines: [{ kind: 'para', text: TRUNCATED_NOTE }] });
  return kept;
}

/** The number of pages, cover included. */
export function announcementPageCount(ann: Announcement): number {
  return 1 + announcementBodyPages(ann).length;
}

function nav(page: number, count: number, home: boolean): FlexComponent[] {
  return [
    ...(page < count - 1
      ? fragment('button-primary', {
          label: `ต่อ (หน้า ${page + 2} จาก ${count})`,
          data: browseButton({ a: 'announcement', page: page + 1 }),
          displayText: 'ต่อ',
        })
      : []),
    ...(home
      ? fragment('button-secondary', { label: 'เมนูหลัก', data: browseButton({ a: 'menu' }), displayText: 'เมนู' })
      : fragment('button-secondary', {
          label: 'สารบัญประกาศ',
          data: browseButton({ a: 'announcement' }),
          displayText: 'สารบัญประกาศ',
        })),
  ];
}

function sectionButtons(ann: Announcement): FlexComponent[] {
  if (ann.sections.length === 0) return [];
  return [
    ...fragment('heading', { text: 'หัวข้อในประกาศ (แตะเพื่ออ่าน)' }),
    ...ann.sections.slice(0, MAX_SECTION_BUTTONS).flatMap((section, i) =>
      fragment('button-secondary', {
        label: `${i + 1}. ${section.title}`,
        data: browseButton({ a: 'section', id: section.id }),
        displayText: truncate(section.title, 100),
      }),
    ),
  ];
}

function coverMessage(ann: Announcement, count: number): messagingApi.FlexMessage {
  const date = formatIsoDateThai(ann.date);
  const bubble = fillBubble('announcement', {
    agency: ann.agency,
    subject: truncate(ann.subject, HEADER_TITLE_CHARS),
    date,
    preamble: truncate(ann.preamble.trim(), COVER_PREAMBLE_CHARS) || 'แตะหัวข้อด้านล่างเพื่ออ่านรายละเอียด',
    signer: ann.signer,
    position: ann.position,
    sections: sectionButtons(ann),
    nav: nav(0, count, true),
  });
  return bubbleMessage(`ประกาศ${ann.agency} เรื่อง ${ann.subject} (${date})`, bubble);
}

function bodyMessage(ann: Announcement, body: BodyPage, page: number, count: number): messagingApi.FlexMessage {
  const bubble = fillBubble('section', {
    agency: ann.agency,
    title: truncate(body.title, HEADER_TITLE_CHARS),
    pageLabel: pageLabel(page, count),
    content: body.page.length > 0 ? renderPage(body.page) : fragment('paragraph', { text: EMPTY_CELL }),
    nav: nav(page, count, false),
  });
  return bubbleMessage(`ประกาศ เรื่อง ${ann.subject}: ${body.title} (หน้า ${page + 1}/${count})`, bubble);
}

/** One page of the announcement as a message (not yet given quick replies). */
export function announcementPageMessage(ann: Announcement, page = 0): messagingApi.FlexMessage {
  const bodies = announcementBodyPages(ann);
  const p = clampPage(page, bodies.length + 1);
  const body = bodies[p - 1];
  return body ? bodyMessage(ann, body, p, bodies.length + 1) : coverMessage(ann, bodies.length + 1);
}

/** Page `page` of the announcement (0 = the cover; past the end shows the last page). */
export function announcementMessages(ann: Announcement, page = 0): messagingApi.Message[] {
  return finishReply([announcementPageMessage(ann, page)]);
}

/** The first page of one section; an unknown (stale) id gets a short note and the cover. */
export function sectionMessages(ann: Announcement, sectionId: string): messagingApi.Message[] {
  const index = announcementBodyPages(ann).findIndex((body) => body.sectionId === sectionId);
  if (index >= 0) return announcementMessages(ann, index + 1);
  const note = textMessage('ไม่พบหัวข้อนี้ในประกาศแล้ว (ประกาศอาจมีการปรับปรุง) จึงแสดงหน้าแรกของประกาศแทน', null);
  return finishReply([note, announcementPageMessage(ann, 0)]);
}
