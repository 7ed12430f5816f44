import type { messagingApi } from '@line/bot-sdk';
import { browseButton } from './browse-buttons.js';
import type { Cell, Measure } from '../content/model.js';
import { fillBubble, fragment } from './catalog.js';
import { bubbleMessage, carouselMessages } from './flex-message.js';
import { clampPage, MAX_PAGES, pageLabel, TRUNCATED_NOTE } from './page-numbers.js';
import { paginate, type Block, type Page } from './page-layout.js';
import { finishReply } from './quick-reply.js';
import { cellPlain, markerOf } from '../content/cell-text.js';
import { cellLines, renderPage } from './render.js';
import { truncate, type FlexComponent } from './template.js';
import { textMessage } from './text-message.js';

/** The six cell columns of the report table, with their official headings. */
const COLUMNS = [
  ['method', 'วิธีการ'],
  ['period', 'ระยะเวลาการดำเนินการ'],
  ['owner', 'ผู้รับผิดชอบ'],
  ['summary', 'สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม'],
  ['outcome', 'ผลลัพธ์หรือความสำเร็จในการดำเนินการ'],
  ['budget', 'งบประมาณ'],
] as const satisfies ReadonlyArray<readonly [keyof Measure, string]>;

/** Longest title shown in a header; a longer one is also given in full in the body. */
const HEADER_TITLE_CHARS = 160;
const CARD_METHOD_CHARS = 140;
const CARD_FIELD_CHARS = 80;

/** The measure's pages: ลำดับ and มาตรการ/กิจกรรม head every page, the six other columns follow. */
function measurePages(measure: Measure): Page[] {
  const blocks: Block[] = [];
  if (measure.title.length > HEADER_TITLE_CHARS) {
    blocks.push({ heading: 'มาตรการ/กิจกรรม', lines: [{ kind: 'para', text: measure.title }] });
  }
  for (const [key, heading] of COLUMNS) blocks.push({ heading, lines: cellLines(measure[key]) });
  const pages = paginate(blocks);
  if (pages.length <= MAX_PAGES) return pages;
  const kept = pages.slice(0, MAX_PAGES);
  kept[MAX_PAGES - 1]?.push({ continued: false, lines: [{ kind: 'para', text: TRUNCATED_NOTE }] });
  return kept;
}

function measureNav(measure: Measure, page: number, count: number): FlexComponent[] {
  const to = (p: number) => browseButton({ a: 'measure', id: measure.id, page: p });
  return [
    ...(page < count - 1
      ? fragment('button-primary', {
          label: `ต่อ (หน้า ${page + 2} จาก ${count})`,
          data: to(page + 1),
          displayText: 'ต่อ',
        })
      : []),
    ...(page > 0
      ? fragment('button-secondary', {
          label: `ย้อนกลับ (หน้า ${page} จาก ${count})`,
          data: to(page - 1),
          displayText: 'ย้อนกลับ',
        })
      : []),
    ...fragment('button-secondary', {
      label: 'ดูมาตรการทั้งหมด',
      data: browseButton({ a: 'measures' }),
      displayText: 'มาตรการทั้งหมด',
    }),
  ];
}

/** One page of a measure in full, as a message (not yet given quick replies). */
export function measurePageMessage(measure: Measure, page = 0): messagingApi.FlexMessage {
  const pages = measurePages(measure);
  const p = clampPage(page, pages.length);
  const bubble = fillBubble('measure-full', {
    order: measure.order,
    title: truncate(measure.title, HEADER_TITLE_CHARS),
    pageLabel: pages.length > 1 ? pageLabel(p, pages.length) : 'ฉบับเต็ม',
    content: renderPage(pages[p] ?? []),
    nav: measureNav(measure, p, pages.length),
  });
  const where = pages.length > 1 ? ` (หน้า ${p + 1}/${pages.length})` : '';
  return bubbleMessage(`มาตรการที่ ${measure.order}: ${measure.title}${where}`, bubble);
}

/** A measure in full, page `page` (0-based; past the end shows the last page). */
export function measureMessages(measure: Measure, page = 0): messagingApi.Message[] {
  return finishReply([measurePageMessage(measure, page)]);
}

/** A measure as a carousel card: order, title, short method, owner, period, "อ่านฉบับเต็ม". */
export function measureCard(measure: Measure): messagingApi.FlexBubble {
  return fillBubble('measure-card', {
    order: measure.order,
    title: truncate(measure.title, HEADER_TITLE_CHARS),
    method: cardSteps(measure.method, CARD_METHOD_CHARS),
    owner: truncate(cellPlain(measure.owner), CARD_FIELD_CHARS),
    period: truncate(cellPlain(measure.period), CARD_FIELD_CHARS),
    data: browseButton({ a: 'measure', id: measure.id }),
    displayText: truncate(`อ่านฉบับเต็ม: ${measure.title}`, 100),
  });
}

/**
 * A measure's method for its card: each numbered step on its own line, whole steps while they
 * fit in `max` characters, then how many more the full text holds (the first step alone is cut).
 */
export function cardSteps(cell: Cell, max: number): string {
  if (cell.kind === 'text') return truncate(cellPlain(cell), max);
  const steps = cell.items
    .map((item) => markerOf(item))
    .map(({ marker, text }) => `${marker} ${text.replace(/\s+/g, ' ')}`);
  const shown: string[] = [];
  for (const step of steps) {
    const more = steps.length - shown.length - 1;
    const tail = more > 0 ? `\n(และอีก ${more} ข้อ)` : '';
    if ([...shown, step].join('\n').length + tail.length > max) break;
    shown.push(step);
  }
  if (shown.length === 0) return truncate(steps[0] ?? cellPlain(cell), max);
  const rest = steps.length - shown.length;
  return rest > 0 ? `${shown.join('\n')}\n(และอีก ${rest} ข้อ)` : shown.join('\n');
}

/** All measures as cards, in order, after a line telling how to browse them. */
export function measuresCarouselMessages(measures: readonly Measure[]): messagingApi.Message[] {
  if (measures.length === 0) {
    return finishReply([textMessage('ขณะนี้ยังไม่มีข้อมูลมาตรการส่งเสริมคุณธรรมและความโปร่งใส', null)]);
  }
  const sorted = [...measures].sort((a, b) => a.order - b.order);
  const intro = textMessage(
    `มาตรการส่งเสริมคุณธรรมและความโปร่งใส มีทั้งหมด ${sorted.length} มาตรการ\n` +
      (sorted.length > 1 ? 'เลื่อนการ์ดไปทางซ้ายเพื่อดูมาตรการถัดไป ' : '') +
      'แตะ “อ่านฉบับเต็ม” เพื่ออ่านรายละเอียด',
    null,
  );
  const carousels = carouselMessages(sorted.map(measureCard), (i, n) =>
    n > 1 ? `มาตรการส่งเสริมคุณธรรม ชุดที่ ${i + 1}/${n}` : `มาตรการส่งเสริมคุณธรรม ${sorted.length} มาตรการ`,
  );
  // A reply holds 5 messages: the intro and up to 4 carousels of 12 (48 measures).
  return finishReply([intro, ...carousels.slice(0, 4)]);
}
