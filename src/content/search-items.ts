import type { Announcement, AnnouncementItem, Cell, ContentDocument, ItaResult, Measure } from './model.js';
import { toArabicDigits } from '../thai/digits.js';
import { BE_OFFSET, formatDateThai, formatIsoDateThai, THAI_MONTHS_SHORT } from '../thai/date.js';
import { compactForm } from './text-analysis.js';
import { scoreInThaiWords } from './score-words.js';

/** `fact`: one fact within an item (see answers/fact-units.ts), indexed apart from the items. */
export type SearchKind = 'ita' | 'measure' | 'announcement' | 'section' | 'publication' | 'fact';

/** Text the index matches, with how much a match there counts (titles count most). */
export interface SearchField {
  text: string;
  weight: number;
  /**
   * The municipality's own name (agency, district, province). Every item is the municipality's,
   * so these words say where the asker is, not what they ask about: a question made only of
   * them ("เทศบาลอยู่ที่ไหน") is not answered by whichever item names the town most.
   */
  background?: boolean;
}

/** What a hit points back to, so a handler can show the full item. */
export interface SearchRef {
  docId: string;
  measureId?: string;
  sectionId?: string;
  publicationId?: string;
}

/** One answerable thing: the ITA result, a measure, the announcement, a section, a publication. */
export interface SearchItem {
  id: string;
  kind: SearchKind;
  title: string;
  subtitle?: string;
  fields: SearchField[];
  ref: SearchRef;
  /**
   * Id of an item this one never outranks: an announcement section that restates a measure
   * ranks just below that measure, so the measure (what was done) is the answer and the
   * section (what was announced) a runner-up.
   */
  rankBelow?: string;
}

/** Field weights: titles and what people name a thing by, then labelled facts, then body text. */
export const WEIGHT = { title: 3, name: 2, body: 1, context: 0.5 } as const;

/** Every item of one content document, in a stable order. */
export function contentItems(doc: ContentDocument): SearchItem[] {
  const items: SearchItem[] = [];
  if (doc.ita) items.push(itaItem(doc.id, doc.ita));
  const agency = doc.ita?.agency ?? doc.announcement?.agency ?? '';
  const measures = doc.measures.map((measure) => measureItem(doc.id, measure, agency));
  items.push(...measures);
  if (doc.announcement) {
    items.push(announcementItem(doc.id, doc.announcement));
    items.push(...sectionItems(doc.id, doc.announcement, measures));
  }
  return items;
}

/** The ITA result, with the score as written (93.05), rounded (93) and in Thai words. */
export function itaItem(docId: string, ita: ItaResult): SearchItem {
  const score = ita.score.toFixed(2);
  const year = ita.fiscalYear;
  return {
    id: `${docId}:ita:${ita.id}`,
    kind: 'ita',
    title: `ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ${year}`,
    subtitle: `${ita.agency} ได้ ${score} คะแนน`,
    fields: [
      // ITA's Thai name in full, as residents copy it from the NACC's pages.
      {
        text: `ผลการประเมินคุณธรรมและความโปร่งใส ITA ผลคะแนน ITA การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ`,
        weight: WEIGHT.title,
      },
      {
        text: `คะแนน ${score} คะแนน ${Math.floor(ita.score)} คะแนน ${scoreInThaiWords(ita.score)}`,
        weight: WEIGHT.title,
      },
      { text: `ร้อยละ ${score} ${score} เปอร์เซ็นต์ percent`, weight: WEIGHT.name },
      { text: `Integrity and Transparency Assessment ITA score`, weight: WEIGHT.title },
      { text: `ปี ${year} ปีงบประมาณ ${year} ปีงบ ${year % 100} ค.ศ. ${year - BE_OFFSET}`, weight: WEIGHT.name },
      { text: ita.title, weight: WEIGHT.body },
      { text: ita.summary, weight: WEIGHT.body },
      { text: `${ita.agency} อำเภอ${ita.district} จังหวัด${ita.province}`, weight: WEIGHT.context, background: true },
    ],
    ref: { docId },
  };
}

/** A measure: its title weighs most, its numbered place next, the table cells as body. */
export function measureItem(docId: string, measure: Measure, agency: string): SearchItem {
  const n = measure.order;
  return {
    id: `${docId}:measure:${measure.id}`,
    kind: 'measure',
    title: measure.title,
    subtitle: `มาตรการที่ ${n}`,
    fields: [
      { text: measure.title, weight: WEIGHT.title },
      { text: `มาตรการที่ ${n} มาตรการข้อ ${n} ลำดับที่ ${n}`, weight: WEIGHT.name },
      { text: cellText(measure.method), weight: WEIGHT.body },
      { text: cellText(measure.summary), weight: WEIGHT.body },
      { text: cellText(measure.outcome), weight: WEIGHT.body },
      { text: `ผู้รับผิดชอบ ${cellText(measure.owner)}`, weight: WEIGHT.body },
      { text: `ระยะเวลา ${cellText(measure.period)} งบประมาณ ${cellText(measure.budget)}`, weight: WEIGHT.context },
      { text: agency, weight: WEIGHT.context, background: true },
    ],
    ref: { docId, measureId: measure.id },
  };
}

/** The announcement itself: subject, date (as written and in Arabic digits), signer, preamble. */
export function announcementItem(docId: string, a: Announcement): SearchItem {
  const date = toArabicDigits(a.dateText);
  const [y = 0, m = 1, d = 1] = a.date.split('-').map(Number);
  const shortDate = `${d} ${THAI_MONTHS_SHORT[m - 1]} ${y + BE_OFFSET}`;
  return {
    id: `${docId}:announcement:${a.id}`,
    kind: 'announcement',
    title: `ประกาศ${a.agency} เรื่อง ${a.subject}`,
    subtitle: `ประกาศ ณ วันที่ ${date}`,
    fields: [
      { text: `ประกาศ เรื่อง ${a.subject}`, weight: WEIGHT.title },
      { text: a.agency, weight: WEIGHT.context, background: true },
      {
        text: `ประกาศ ณ วันที่ ${date} วันที่ออกประกาศ ${formatIsoDateThai(a.date)} ${shortDate} ${a.date}`,
        weight: WEIGHT.name,
      },
      { text: `ผู้ลงนาม ${a.signer} ตำแหน่ง ${a.position}`, weight: WEIGHT.name },
      { text: a.preamble, weight: WEIGHT.body },
      { text: a.sections.map((s) => s.title).join(' '), weight: WEIGHT.context },
    ],
    ref: { docId },
  };
}

/** Each numbered section of the announcement; one restating a measure ranks below it. */
export function sectionItems(docId: string, a: Announcement, measures: readonly SearchItem[]): SearchItem[] {
  return a.sections.map((section) => {
    const same = measures.find((m) => sameTitle(m.title, section.title));
    return {
      id: `${docId}:section:${section.id}`,
      kind: 'section',
      title: section.title,
      subtitle: `ประกาศ${a.agency} เรื่อง ${a.subject}`,
      fields: [
        { text: section.title, weight: WEIGHT.title },
        { text: section.items.map(itemText).join(' '), weight: WEIGHT.body },
        { text: `ประกาศ${a.agency}`, weight: WEIGHT.context },
        { text: a.agency, weight: WEIGHT.context, background: true },
      ],
      ref: { docId, sectionId: section.id },
      ...(same ? { rankBelow: same.id } : {}),
    };
  });
}

/** A publication (news, announcement, procurement...), so it is answerable as soon as it is added. */
export function publicationItem(p: {
  id: string;
  title: string;
  body: string;
  topic: string;
  publishedAt: Date | string;
}): SearchItem {
  const at = typeof p.publishedAt === 'string' ? new Date(p.publishedAt) : p.publishedAt;
  const date = Number.isNaN(at.getTime()) ? '' : formatDateThai(at);
  return {
    id: `publication:${p.id}`,
    kind: 'publication',
    title: p.title,
    subtitle: date,
    fields: [
      { text: p.title, weight: WEIGHT.title },
      { text: p.body, weight: WEIGHT.body },
      { text: `${p.topic} ${date}`, weight: WEIGHT.context },
    ],
    ref: { docId: 'publications', publicationId: p.id },
  };
}

function cellText(cell: Cell): string {
  return cell.kind === 'text' ? cell.text : cell.items.join(' ');
}

function itemText(item: AnnouncementItem): string {
  return [item.text, ...item.subItems.map(itemText)].join(' ');
}

/** Titles equal in matching form, or one containing the other ("มาตรการเรื่อง X" / "X"). */
export function sameTitle(a: string, b: string): boolean {
  const x = compactForm(a);
  const y = compactForm(b);
  return x === y || (Math.min(x.length, y.length) >= 8 && (x.includes(y) || y.includes(x)));
}
