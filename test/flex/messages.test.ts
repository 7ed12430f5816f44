import fs from 'node:fs';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { parsePostback, type Postback } from '../helpers/postbacks.js';
import { ContentDocumentSchema, type ContentDocument, type Measure } from '../../src/content/model.js';
import {
  announcementMessages,
  announcementPageCount,
  helpMessages,
  itaMessages,
  measureMessages,
  measuresCarouselMessages,
  menuQuickReply,
  notFoundMessages,
  searchResultMessages,
  sectionMessages,
  textMessage,
  welcomeMessages,
  type SearchHit,
} from '../../src/flex/messages.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { expectLineValid } from '../helpers/line-contract.js';

/** The fixture (seed texts, following model.ts), plus whatever the importer has shipped in data/content. */
function contentSources(): Array<[string, ContentDocument]> {
  const fixture = path.join(PROJECT_ROOT, 'test/fixtures/flex-content.json');
  const sources: Array<[string, ContentDocument]> = [
    ['fixture', ContentDocumentSchema.parse(JSON.parse(fs.readFileSync(fixture, 'utf8')))],
  ];
  const shipped = path.join(PROJECT_ROOT, 'data/content');
  const files = fs.existsSync(shipped)
    ? fs.readdirSync(shipped).filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    : [];
  for (const file of files)
    sources.push([
      `data/content/${file}`,
      ContentDocumentSchema.parse(JSON.parse(fs.readFileSync(path.join(shipped, file), 'utf8'))),
    ]);
  return sources;
}

function walk(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((n) => walk(n, visit));
  }
}

function texts(node: unknown): string[] {
  const out: string[] = [];
  walk(node, (n) => {
    if (n.type === 'text' && typeof n.text === 'string') out.push(n.text);
  });
  return out;
}

/** Buttons of the Flex contents (not quick replies) with their parsed postbacks. */
function buttons(
  message: messagingApi.Message,
): Array<{ label: string; postback: Postback | null; action: Record<string, unknown> }> {
  const out: Array<{ label: string; postback: Postback | null; action: Record<string, unknown> }> = [];
  walk((message as messagingApi.FlexMessage).contents, (n) => {
    if (n.type !== 'button') return;
    const action = n.action as Record<string, unknown>;
    out.push({
      label: String(action.label),
      action,
      postback: action.type === 'postback' ? parsePostback(String(action.data)) : null,
    });
  });
  return out;
}

/** The checks every reply must pass: LINE's contract, 1–5 messages, quick replies on the last only, live postbacks. */
function expectGoodReply(messages: messagingApi.Message[]): void {
  expect(messages.length).toBeGreaterThanOrEqual(1);
  expect(messages.length).toBeLessThanOrEqual(5);
  expectLineValid('/v2/bot/message/reply', { replyToken: 'x'.repeat(32), messages });
  messages.slice(0, -1).forEach((m) => expect(m.quickReply).toBeUndefined());
  const items = messages.at(-1)?.quickReply?.items ?? [];
  expect(items.length).toBeGreaterThan(0);
  expect(items.length).toBeLessThanOrEqual(13);
  walk(messages, (n) => {
    if (n.type === 'postback') expect(parsePostback(String(n.data)), `postback ${String(n.data)}`).not.toBeNull();
  });
}

function nextPage(messages: messagingApi.Message[]): Postback | null {
  const next = messages.flatMap(buttons).find((b) => b.label.startsWith('ต่อ'));
  return next?.postback ?? null;
}

/** Follows "ต่อ" from page 0 and returns every page's reply. */
function readAllPages(open: (page: number) => messagingApi.Message[]): messagingApi.Message[][] {
  const pages: messagingApi.Message[][] = [];
  let page: number | undefined = 0;
  while (page !== undefined) {
    const reply = open(page);
    pages.push(reply);
    const next = nextPage(reply);
    page = next && 'page' in next ? next.page : undefined;
    expect(pages.length).toBeLessThanOrEqual(51);
  }
  return pages;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** A measure as long as any report is likely to hold, and then some. */
function syntheticMeasure(): Measure {
  const sentence = 'ผู้รับผิดชอบดำเนินการจัดทำมาตรการตรวจสอบการใช้ดุลพินิจ และเผยแพร่บนเว็บไซต์หลักของหน่วยงาน ';
  return {
    id: 'synthetic-long',
    order: 99,
    title: 'มาตรการทดสอบความยาว '.repeat(20).trim(),
    method: {
      kind: 'list',
      items: Array.from({ length: 40 }, (_, i) => `${i + 1}. ${sentence.repeat(3)}ข้อที่ ${i + 1}`),
    },
    period: { kind: 'text', text: 'ปีงบประมาณ ๒๕๖๘' },
    owner: { kind: 'list', items: Array.from({ length: 40 }, (_, i) => `- กอง ${i + 1}`) },
    summary: { kind: 'text', text: sentence.repeat(150) + 'จบสรุป' },
    outcome: { kind: 'text', text: 'ก'.repeat(9000) + 'จบผลลัพธ์' },
    budget: { kind: 'text', text: '' },
  };
}

describe.each(contentSources())('builders with %s content', (_name, doc) => {
  const measures = doc.measures;
  const ann = doc.announcement!;
  const ita = doc.ita!;

  it('when welcoming, then one bubble names the agency and offers every part as a button', () => {
    const reply = welcomeMessages({ agencyName: 'เทศบาลตำบลโพนทราย' });
    expectGoodReply(reply);
    expect((reply[0] as messagingApi.FlexMessage).altText).toContain('เทศบาลตำบลโพนทราย');
    expect(buttons(reply[0]!).map((b) => b.postback?.a ?? b.action.text)).toEqual([
      'ita',
      'measures',
      'announcement',
      'แจ้งเบาะแส',
      'help',
    ]);
  });

  it('when showing the ITA result, then the score is large, the year is พ.ศ. and altText summarises it', () => {
    const reply = itaMessages(ita);
    expectGoodReply(reply);
    expect((reply[0] as messagingApi.FlexMessage).altText).toBe('ผลการประเมิน ITA ปี 2568: 93.05 คะแนน');
    expect(texts(reply)).toEqual(expect.arrayContaining(['93.05', 'ปีงบประมาณ พ.ศ. 2568', 'อำเภอโพนทราย จังหวัดร้อยเอ็ด']));
  });

  it('when listing measures, then a hint is followed by one same-size card per measure, in order, each opening the measure', () => {
    const reply = measuresCarouselMessages(measures);
    expectGoodReply(reply);
    expect(reply[0]?.type).toBe('text');
    const cards = reply
      .slice(1)
      .flatMap((m) => ((m as messagingApi.FlexMessage).contents as messagingApi.FlexCarousel).contents);
    expect(cards).toHaveLength(measures.length);
    expect(new Set(cards.map((c) => c.size))).toEqual(new Set(['kilo']));
    const opened = reply
      .slice(1)
      .flatMap(buttons)
      .map((b) => b.postback);
    expect(opened).toEqual([...measures].sort((a, b) => a.order - b.order).map((m) => ({ a: 'measure', id: m.id })));
  });

  it('when a measure is read in full, then every column has a heading and every cell text appears across its pages', () => {
    for (const measure of measures) {
      const pages = readAllPages((page) => measureMessages(measure, page));
      pages.forEach(expectGoodReply);
      const all = pages.flatMap((p) => texts(p));
      for (const heading of [
        'วิธีการ',
        'ระยะเวลาการดำเนินการ',
        'ผู้รับผิดชอบ',
        'สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม',
        'ผลลัพธ์หรือความสำเร็จในการดำเนินการ',
        'งบประมาณ',
      ]) {
        expect(all).toContain(heading);
      }
      expect(all.some((t) => t.includes(`ลำดับที่ ${measure.order}`))).toBe(true);
      const joined = squash(all.join(''));
      for (const cell of [
        measure.method,
        measure.period,
        measure.owner,
        measure.summary,
        measure.outcome,
        measure.budget,
      ]) {
        const pieces = cell.kind === 'text' ? [cell.text] : cell.items;
        for (const piece of pieces)
          expect(joined).toContain(
            squash(piece)
              .replace(/^(?:[-•]|[๐-๙0-9]+\.)/, '')
              .slice(0, 40),
          );
      }
    }
  });

  it('when the announcement cover is shown, then it has subject, พ.ศ. date, signer and a button per section', () => {
    const reply = announcementMessages(ann);
    expectGoodReply(reply);
    const all = texts(reply);
    expect(all).toContain(`ประกาศ ณ วันที่ 10 มกราคม พ.ศ. 2568`);
    expect(all).toEqual(expect.arrayContaining([`เรื่อง ${ann.subject}`, ann.signer, ann.position]));
    const sections = buttons(reply[0]!)
      .filter((b) => b.postback?.a === 'section')
      .map((b) => b.postback);
    expect(sections).toEqual(ann.sections.map((s) => ({ a: 'section', id: s.id })));
    expect((reply[0] as messagingApi.FlexMessage).altText).toContain(ann.subject);
  });

  it('when the announcement is read with "ต่อ", then every page passes and every item appears once, in order', () => {
    const pages = readAllPages((page) => announcementMessages(ann, page));
    expect(pages).toHaveLength(announcementPageCount(ann));
    pages.forEach(expectGoodReply);
    const joined = squash(
      pages
        .slice(1)
        .flatMap((p) => texts(p))
        .join(''),
    );
    const items = ann.sections.flatMap((s) => s.items.flatMap((i) => [i, ...i.subItems]));
    let from = 0;
    for (const item of items) {
      const at = joined.indexOf(squash(item.text).slice(0, 40), from);
      expect(at, item.text.slice(0, 40)).toBeGreaterThanOrEqual(from);
      from = at;
    }
  });

  it('when a section button is tapped, then that section opens; a stale id gets a note and the cover', () => {
    for (const section of ann.sections) {
      const reply = sectionMessages(ann, section.id);
      expectGoodReply(reply);
      expect(texts(reply)).toContain(section.title);
    }
    const stale = sectionMessages(ann, 'no-such-section');
    expectGoodReply(stale);
    expect(stale[0]?.type).toBe('text');
    expect(texts(stale[1])).toContain(`เรื่อง ${ann.subject}`);
  });

  it('when search finds several items, then the best comes first on its own and runners-up follow as same-size cards', () => {
    const hits: SearchHit[] = [
      { kind: 'measure', ...measures[1]! },
      { kind: 'ita', ...ita },
      { kind: 'announcement', ...ann },
      { kind: 'section', announcement: ann, ...ann.sections[0]! },
      ...measures.map((m) => ({ kind: 'measure' as const, ...m })),
      {
        kind: 'publication',
        id: 'pub-1',
        title: 'ประกาศรับสมัครงาน',
        body: 'รายละเอียด '.repeat(50),
        topicName: 'ข่าวประชาสัมพันธ์',
        publishedAt: '2025-01-10T03:00:00Z',
      },
      { kind: 'publication', id: 'pub-2', title: 'ผลการจัดซื้อจัดจ้าง', body: 'ดูที่เว็บไซต์', url: 'https://example.com/p/2' },
    ];
    const reply = searchResultMessages(hits);
    expectGoodReply(reply);
    expect(reply).toHaveLength(2);
    expect(texts(reply[0])).toContain(measures[1]!.title);
    const carousel = (reply[1] as messagingApi.FlexMessage).contents as messagingApi.FlexCarousel;
    expect(carousel.contents.length).toBe(hits.length - 2); // the best one is not repeated
    expect(carousel.contents.length).toBeLessThanOrEqual(12);
    expect(new Set(carousel.contents.map((b) => b.size))).toEqual(new Set(['kilo']));
    expect(texts(carousel)).toContain('ข่าวประชาสัมพันธ์ · 10 มกราคม พ.ศ. 2568');
  });

  it('when each kind is the best hit, then it is shown as its own full bubble', () => {
    const kinds: SearchHit[] = [
      { kind: 'ita', ...ita },
      { kind: 'announcement', ...ann },
      { kind: 'section', announcement: ann, ...ann.sections.at(-1)! },
      { kind: 'publication', id: 'pub-1', title: 'ข่าว', body: 'เนื้อหา' },
    ];
    for (const hit of kinds) {
      const reply = searchResultMessages([hit]);
      expectGoodReply(reply);
      expect(reply).toHaveLength(1);
      expect(((reply[0] as messagingApi.FlexMessage).contents as messagingApi.FlexBubble).size).toBe('giga');
    }
  });
});

describe('paging of a very long measure', () => {
  const measure = syntheticMeasure();

  it('when a measure has very long cells and 40-item lists, then "ต่อ" walks pages that each keep every LINE limit', () => {
    const pages = readAllPages((page) => measureMessages(measure, page));
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach(expectGoodReply);
    for (const [i, reply] of pages.entries()) {
      const bubble = (reply[0] as messagingApi.FlexMessage).contents;
      expect(Buffer.byteLength(JSON.stringify(bubble))).toBeLessThan(30_000);
      // Readable: a page is a few phone screens, not a wall of text.
      expect(texts(bubble).join('').length).toBeLessThan(3000);
      expect(texts(bubble)).toContain(`หน้า ${i + 1} จาก ${pages.length}`);
    }
    const all = pages.flatMap((p) => texts(p));
    expect(all).toContain('วิธีการ (ต่อ)');
    expect(all.join('')).toContain('จบสรุป');
    expect(all.join('')).toContain('จบผลลัพธ์');
    expect(all.filter((t) => t.endsWith('ข้อที่ 40'))).toHaveLength(1);
    expect(all).toContain('ไม่ระบุ'); // the empty budget cell
  });

  it('when a page past the end is asked for (a stale button), then the last page is shown', () => {
    const count = readAllPages((page) => measureMessages(measure, page)).length;
    expect(texts(measureMessages(measure, 50))).toContain(`หน้า ${count} จาก ${count}`);
  });
});

describe('small builders', () => {
  it('when nothing matches, then the reply says so honestly and offers the suggestions first as quick replies', () => {
    const suggestions = ['ITA ได้กี่คะแนน', 'เทศบาลเปิดเผยข้อมูลอะไรบ้างตามมาตรา ๙ ของกฎหมาย', 'ประกาศ'];
    const reply = notFoundMessages('ร้านกาแฟแถวนี้มีที่ไหนบ้าง', suggestions);
    expectGoodReply(reply);
    expect(texts(reply)).toContain('ไม่พบคำตอบที่ตรงกับคำถาม');
    expect(texts(reply)).toContain('คำถามของท่าน: “ร้านกาแฟแถวนี้มีที่ไหนบ้าง”');
    const items = reply.at(-1)?.quickReply?.items ?? [];
    expect(items.slice(0, 3).map((i) => (i.action as messagingApi.MessageAction).text)).toEqual(
      suggestions.slice(0, 2).concat('ประกาศ'),
    );
    expect(items.every((i) => (i.action?.label ?? '').length <= 20)).toBe(true);
    expect(new Set(items.map((i) => i.action?.label)).size).toBe(items.length);
  });

  it('when search has no hits, then it is the not-found reply', () => {
    const reply = searchResultMessages([]);
    expectGoodReply(reply);
    expect(texts(reply)).toContain('ไม่พบคำตอบที่ตรงกับคำถาม');
  });

  it('when asked for help, then one bubble lists what to type', () => {
    const reply = helpMessages();
    expectGoodReply(reply);
    expect(texts(reply)).toEqual(expect.arrayContaining(['“แจ้งเบาะแส”', '“ผล ITA”']));
  });

  it('when a text is too long, then it is cut to 5000; quick replies default to the menu, can be custom or none', () => {
    const long = textMessage('ก'.repeat(6000));
    expectGoodReply([long]);
    expect(long.text.length).toBe(5000);
    expect(long.quickReply).toEqual(menuQuickReply());
    expect(textMessage('ยืนยันไหม', ['ยืนยัน', 'ยกเลิก']).quickReply?.items?.map((i) => i.action?.label)).toEqual([
      'ยืนยัน',
      'ยกเลิก',
    ]);
    expect(textMessage('ข้อความ', null).quickReply).toBeUndefined();
    expect(() => textMessage('  ')).toThrow();
  });

  it('when the standard menu is built, then it has the six named entries, ≤ 13 items, labels ≤ 20', () => {
    const labels = (menuQuickReply().items ?? []).map((i) => i.action?.label);
    expect(labels).toEqual(expect.arrayContaining(['เมนู', 'ผล ITA', 'มาตรการ', 'ประกาศ', 'แจ้งเบาะแส', 'สมัครรับข่าวสาร']));
    expect(labels.length).toBeLessThanOrEqual(13);
  });
});
