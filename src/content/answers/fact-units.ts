import type { Postback } from '../../bot/postback.js';
import { cellPlain } from '../../flex/render.js';
import { toArabicDigits } from '../../thai/digits.js';
import { analyzeText } from '../text-analysis.js';
import type { Announcement, AnnouncementItem, ContentDocument, ItaResult, Measure } from '../model.js';
import { sameTitle, WEIGHT, type SearchField } from '../search-items.js';
import type { Field } from './question-kinds.js';
import { FIELD_PHRASES } from './question-kinds.js';
import { AGENT_LINKS, amountIn, type AgentLink } from './question-words.js';
import type { FactLabels } from './service-facts.js';

/**
 * Answerable units at the grain of questions: one fact of the ITA report, one column of one
 * measure, one numbered clause of the announcement, one fact of the announcement. Each keeps
 * the official words it comes from (`quote`), where they stand, and the item it belongs to.
 */
export interface FactUnit {
  id: string;
  field: Field | 'clause';
  /** Id of the search item (measure, section, announcement, ITA result) the fact belongs to. */
  itemId: string;
  docId: string;
  /** The item across fiscal years ("measure:2", "section:1", "ita"): two years' documents share it. */
  family: string;
  /** A clause of a section that restates a measure: that measure's family (a question about the measure may be answered by it). */
  related?: string;
  /** The fact across fiscal years: family and field (and clause number). */
  key: string;
  /** Buddhist-era fiscal year of its document. */
  year: number;
  label: string;
  /** The fact itself, as short as the document allows. */
  value: string;
  /** The official wording it comes from, verbatim. */
  quote: string;
  /** The document, and the section/clause/date within it. */
  source: string;
  place: string;
  /** The button that opens the whole item. */
  open: Postback;
  /** For a clause: its number in Arabic digits ("2.2"). */
  number?: string;
  /** For a clause: who does what it says ("งานประชาสัมพันธ์ สำนักปลัดเทศบาล"), when written first. */
  agent?: string;
  /** For a clause: the doer after each linking word ("ต่อ" → ผู้บังคับบัญชาตามลำดับ) and the words before it. */
  links?: Partial<Record<AgentLink, { before: string; agent: string }>>;
  /** For a clause: the words of its section's title in matching form (a clause asked by number and section name). */
  sectionWords?: readonly string[];
  /** For a score or a budget: the amount it states, read once (a yes/no over a number compares it). */
  amount?: number;
  /** What the fact index matches. */
  fields: SearchField[];
}

const AMOUNT_FIELDS: ReadonlySet<Field> = new Set(['score', 'budget']);

/** A document's fiscal year: the report's, else the one its announcement's date falls in (Oct-Sep). */
export function fiscalYearOf(doc: ContentDocument): number {
  if (doc.ita) return doc.ita.fiscalYear;
  const [y = 0, m = 1] = (doc.announcement?.date ?? '1970-01-01').split('-').map(Number);
  return y + 543 + (m >= 10 ? 1 : 0);
}

/** Every unit of one document. */
export function factUnits(doc: ContentDocument, labels: FactLabels): FactUnit[] {
  const year = fiscalYearOf(doc);
  const units: FactUnit[] = [];
  if (doc.ita) units.push(...itaUnits(doc, doc.ita, year, labels));
  for (const measure of doc.measures) units.push(...measureUnits(doc, measure, year, labels));
  if (doc.announcement) units.push(...announcementUnits(doc, doc.announcement, year, labels), ...clauseUnits(doc, doc.announcement, year, labels));
  return units;
}

type Base = Pick<FactUnit, 'docId' | 'year' | 'itemId' | 'family' | 'source' | 'place' | 'open'>;

function unit(base: Base, field: Field, labels: FactLabels, value: string, quote: string, parent: string): FactUnit {
  return {
    ...base,
    id: `${base.itemId}:${field}`,
    key: `${base.family}/${field}`,
    field,
    label: labels[field],
    value,
    quote,
    ...(AMOUNT_FIELDS.has(field) && amountIn(value) !== undefined ? { amount: amountIn(value)! } : {}),
    fields: [
      { text: FIELD_PHRASES[field].join(' '), weight: WEIGHT.name },
      { text: parent, weight: WEIGHT.title },
      { text: value, weight: WEIGHT.body },
    ],
  };
}

function itaUnits(doc: ContentDocument, ita: ItaResult, year: number, labels: FactLabels): FactUnit[] {
  const heading = `${ita.agency} อำเภอ${ita.district} จังหวัด${ita.province}`;
  const base: Base = { docId: doc.id, year, itemId: `${doc.id}:ita:${ita.id}`, family: 'ita', source: `${ita.title} ประจำปีงบประมาณ พ.ศ. ${year}`, place: heading, open: { a: 'ita', id: ita.id } };
  const parent = 'ผลการประเมินคุณธรรมและความโปร่งใส ITA เทศบาล';
  const units = [
    unit(base, 'score', labels, `${ita.score.toFixed(2)} คะแนน`, ita.summary, parent),
    unit(base, 'agency', labels, ita.agency, heading, parent),
    unit(base, 'district', labels, `อำเภอ${ita.district} จังหวัด${ita.province}`, heading, parent),
    unit(base, 'province', labels, `จังหวัด${ita.province}`, heading, parent),
    unit(base, 'fiscalYear', labels, `ปีงบประมาณ พ.ศ. ${year}`, `${ita.title} ประจำปีงบประมาณ พ.ศ. ${year}`, parent),
  ];
  return units;
}

function measureUnits(doc: ContentDocument, m: Measure, year: number, labels: FactLabels): FactUnit[] {
  const base: Base = { docId: doc.id, year, itemId: `${doc.id}:measure:${m.id}`, family: `measure:${m.order}`, source: `รายงานผลการดำเนินการ ปีงบประมาณ พ.ศ. ${year}`, place: `มาตรการที่ ${m.order}: ${m.title}`, open: { a: 'measure', id: m.id } };
  const columns: [Field, string][] = [
    ['method', cellPlain(m.method)], ['period', cellPlain(m.period)], ['owner', cellPlain(m.owner)],
    ['summary', cellPlain(m.summary)], ['outcome', cellPlain(m.outcome)], ['budget', cellPlain(m.budget)],
  ];
  return columns.map(([field, text]) => ({ ...unit(base, field, labels, text, text, `${m.title} มาตรการที่ ${m.order}`), label: `${labels[field]} มาตรการที่ ${m.order}` }));
}

function announcementUnits(doc: ContentDocument, a: Announcement, year: number, labels: FactLabels): FactUnit[] {
  // Cards name the municipality as the report does; the heading's spelling stays in the quotes.
  const agency = doc.ita?.agency ?? a.agency;
  const source = `ประกาศ เรื่อง ${a.subject}`;
  const base: Base = { docId: doc.id, year, itemId: `${doc.id}:announcement:${a.id}`, family: 'announcement', source, place: `ประกาศ ณ วันที่ ${a.dateText}`, open: { a: 'announcement', id: a.id } };
  const parent = `ประกาศ เรื่อง ${a.subject}`;
  const signature = `(${a.signer}) ${a.position}`;
  const units = [
    unit(base, 'subject', labels, a.subject, `เรื่อง ${a.subject}`, parent),
    unit(base, 'date', labels, a.dateText, `ประกาศ ณ วันที่ ${a.dateText}`, parent),
    unit(base, 'signer', labels, `${a.signer} ${a.position}`, signature, parent),
    unit(base, 'position', labels, a.position, signature, parent),
    unit(base, 'issuer', labels, agency, `ประกาศ${a.agency}`, parent),
  ];
  const itaName = itaNameIn(a.preamble);
  if (itaName) units.push(unit(base, 'itaName', labels, itaName.value, itaName.quote, `${parent} ITA`));
  return units;
}

/** "(Integrity Transparency Assessment : ITA)" and the Thai name before it, as the preamble writes them. */
function itaNameIn(preamble: string): { value: string; quote: string } | null {
  const found = /((?:การ)?ประเมินคุณธรรม[^\s(]*)[^(]*\(\s*([A-Za-z][A-Za-z ]+?)\s*:\s*ITA\s*\)/u.exec(preamble);
  if (!found?.[1] || !found[2]) return null;
  return { value: `${found[2]} (${found[1]})`, quote: found[0] };
}

function clauseUnits(doc: ContentDocument, a: Announcement, year: number, labels: FactLabels): FactUnit[] {
  const source = `ประกาศ เรื่อง ${a.subject}`;
  return a.sections.flatMap((section, index) => {
    const restated = doc.measures.find((m) => sameTitle(m.title, section.title));
    const sectionWords = titleWords(section.title);
    return flatItems(section.items).map((item): FactUnit => {
      const agent = agentOf(item.text);
      return {
        id: `${doc.id}:clause:${section.id}:${item.number}`,
        field: 'clause',
        itemId: `${doc.id}:section:${section.id}`,
        family: `section:${index + 1}`,
        key: `section:${index + 1}/clause/${item.number}`,
        docId: doc.id,
        year,
        label: `${labels.clause} ${item.number} ${section.title}`,
        value: item.text,
        quote: item.text,
        source,
        place: `${section.title} ข้อ ${item.number} · ประกาศ ณ วันที่ ${a.dateText}`,
        open: { a: 'section', id: section.id },
        number: toArabicDigits(item.number),
        ...(agent ? { agent } : {}),
        ...linksOf(item.text),
        sectionWords,
        ...(restated ? { related: `measure:${restated.order}` } : {}),
        fields: [
          { text: item.text, weight: WEIGHT.title },
          { text: `${section.title} ข้อ ${item.number}`, weight: WEIGHT.name },
          // "หน่วยงานไหน..." asks for the office a clause names.
          ...(agent ? [{ text: 'หน่วยงาน ส่วนราชการ ผู้ดำเนินการ', weight: WEIGHT.context }] : []),
        ],
      };
    });
  });
}

function flatItems(items: readonly AnnouncementItem[]): AnnouncementItem[] {
  return items.flatMap((item) => [item, ...flatItems(item.subItems)]);
}

/** The office a clause names as its doer: written first ("งานประชาสัมพันธ์ สำนักปลัดเทศบาล ต้อง...") or reported to ("ต่อผู้บังคับบัญชา"). */
export function agentOf(text: string): string | undefined {
  const first = /^((?:งาน|สำนัก|กอง|ฝ่าย)[^\s]+(?:\s+(?:สำนัก|กอง|ฝ่าย)[^\s]+)?)/u.exec(text);
  if (first?.[1]) return first[1];
  const to = /(?:ต่อ|ของ)(ผู้[^\s]+)/u.exec(text);
  return to?.[1];
}

const DOER = '((?:ผู้|งาน|สำนัก|กอง|ฝ่าย)[^\\s]+)';
const LINKED = AGENT_LINKS.map((link) => [link, new RegExp(`([^\\s]*)${link}${DOER}`, 'u')] as const);

/** The doer after each linking word of a clause, found once when the document is loaded. */
function linksOf(text: string): Pick<FactUnit, 'links'> {
  const links: NonNullable<FactUnit['links']> = {};
  for (const [link, pattern] of LINKED) {
    const found = pattern.exec(text);
    if (found?.[2]) links[link] = { before: found[1] ?? '', agent: found[2] };
  }
  return Object.keys(links).length > 0 ? { links } : {};
}

/** A section title's own words (not "มาตรการ", which every title has). */
function titleWords(title: string): string[] {
  return analyzeText(title).tokens.filter((t) => !t.filler && t.text.length > 1 && t.text !== 'มาตรการ').map((t) => t.text);
}
