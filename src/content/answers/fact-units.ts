import { cellPlain } from '../cell-text.js';
import type { Announcement, ContentDocument, ItaResult, Measure } from '../model.js';
import { WEIGHT, type SearchField } from '../search-items.js';
import type { Field } from './question-kinds.js';
import { FIELD_PHRASES } from './question-kinds.js';
import { clauseUnits, preambleUnits } from './clause-units.js';
import { amountIn, type AgentLink } from './question-words.js';
import { fillWording, type ServiceFacts } from './service-facts.js';

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
  /** The button that opens the whole item (a menu button's data; flex draws it). */
  open: { a: 'ita' | 'measure' | 'announcement' | 'section'; id: string };
  /** For a clause: its number in Arabic digits ("2.2"). */
  number?: string;
  /** For a clause: who does what it says ("งานประชาสัมพันธ์ สำนักปลัดเทศบาล"), when written first. */
  agent?: string;
  /** For a clause: the doer after each linking word ("ต่อ" → ผู้บังคับบัญชาตามลำดับ) and the words before it. */
  links?: Partial<Record<AgentLink, { before: string; agent: string }>>;
  /** For a clause: a doer in a relative clause ("แนวทางที่สำนักงาน ป.ป.ช. กำหนด"): the thing, the doer, the act. */
  setBy?: { before: string; agent: string; verb: string };
  /** For a clause: the words of its section's title in matching form (a clause asked by number and section name). */
  sectionWords?: readonly string[];
  /** For a score or a budget: the amount it states, read once (a yes/no over a number compares it). */
  amount?: number;
  /** What the fact index matches. */
  fields: SearchField[];
  /** Background wording (the preamble): found by its own words only, never as the field or clause a question names. */
  aside?: true;
}

const AMOUNT_FIELDS: ReadonlySet<Field> = new Set(['score', 'budget']);

/** A document's fiscal year: the report's, else the one its announcement's date falls in (Oct-Sep). */
export function fiscalYearOf(doc: ContentDocument): number {
  if (doc.ita) return doc.ita.fiscalYear;
  const [y = 0, m = 1] = (doc.announcement?.date ?? '1970-01-01').split('-').map(Number);
  return y + 543 + (m >= 10 ? 1 : 0);
}

/** Labels and templates from data/service-facts.json: every word of a unit comes from there or from the document. */
export type UnitWords = Pick<ServiceFacts, 'labels' | 'templates' | 'wording'>;

/** Every unit of one document. */
export function factUnits(doc: ContentDocument, words: UnitWords): FactUnit[] {
  const year = fiscalYearOf(doc);
  const units: FactUnit[] = [];
  if (doc.ita) units.push(...itaUnits(doc, doc.ita, year, words));
  for (const measure of doc.measures) units.push(...measureUnits(doc, measure, year, words));
  if (doc.announcement)
    units.push(
      ...announcementUnits(doc, doc.announcement, year, words),
      ...clauseUnits(doc, doc.announcement, year, words),
      ...preambleUnits(doc, doc.announcement, year, words),
    );
  return units;
}

type Base = Pick<FactUnit, 'docId' | 'year' | 'itemId' | 'family' | 'source' | 'place' | 'open'>;

function unit(base: Base, field: Field, words: UnitWords, value: string, quote: string, parent: string): FactUnit {
  return {
    ...base,
    id: `${base.itemId}:${field}`,
    key: `${base.family}/${field}`,
    field,
    label: words.labels[field],
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

function itaUnits(doc: ContentDocument, ita: ItaResult, year: number, words: UnitWords): FactUnit[] {
  const t = words.templates;
  const where = { agency: ita.agency, district: ita.district, province: ita.province };
  const heading = fillWording(t.itaHeading, where);
  const source = fillWording(t.itaSource, { title: ita.title, year });
  const base: Base = {
    docId: doc.id,
    year,
    itemId: `${doc.id}:ita:${ita.id}`,
    family: 'ita',
    source,
    place: heading,
    open: { a: 'ita', id: ita.id },
  };
  // What the fact index matches beside the field's words (never shown).
  const parent = 'ผลการประเมินคุณธรรมและความโปร่งใส ITA เทศบาล';
  return [
    unit(base, 'score', words, fillWording(t.score, { score: ita.score.toFixed(2) }), ita.summary, parent),
    unit(base, 'agency', words, ita.agency, heading, parent),
    unit(base, 'district', words, fillWording(t.district, where), heading, parent),
    unit(base, 'province', words, fillWording(t.province, where), heading, parent),
    unit(base, 'fiscalYear', words, fillWording(words.wording.year, { year }), source, parent),
  ];
}

function measureUnits(doc: ContentDocument, m: Measure, year: number, words: UnitWords): FactUnit[] {
  const t = words.templates;
  const measure = fillWording(t.measure, { order: m.order });
  const place = fillWording(t.measurePlace, { order: m.order, title: m.title });
  const base: Base = {
    docId: doc.id,
    year,
    itemId: `${doc.id}:measure:${m.id}`,
    family: `measure:${m.order}`,
    source: fillWording(t.measureSource, { year }),
    place,
    open: { a: 'measure', id: m.id },
  };
  const columns: [Field, string][] = [
    ['method', cellPlain(m.method)],
    ['period', cellPlain(m.period)],
    ['owner', cellPlain(m.owner)],
    ['summary', cellPlain(m.summary)],
    ['outcome', cellPlain(m.outcome)],
    ['budget', cellPlain(m.budget)],
    ['title', m.title],
  ];
  return columns.map(([field, text]) => ({
    ...unit(base, field, words, text, text, `${m.title} ${measure}`),
    label: `${words.labels[field]} ${measure}`,
  }));
}

function announcementUnits(doc: ContentDocument, a: Announcement, year: number, words: UnitWords): FactUnit[] {
  const t = words.templates;
  // Cards name the municipality as the report does; the heading's spelling stays in the quotes.
  const agency = doc.ita?.agency ?? a.agency;
  const source = fillWording(t.announcement, { subject: a.subject });
  const dated = fillWording(t.announcementDate, { date: a.dateText });
  const base: Base = {
    docId: doc.id,
    year,
    itemId: `${doc.id}:announcement:${a.id}`,
    family: 'announcement',
    source,
    place: dated,
    open: { a: 'announcement', id: a.id },
  };
  const signature = fillWording(t.signature, { signer: a.signer, position: a.position });
  const units = [
    unit(base, 'subject', words, a.subject, fillWording(t.announcementSubject, { subject: a.subject }), source),
    unit(base, 'date', words, a.dateText, dated, source),
    unit(base, 'signer', words, fillWording(t.signer, { signer: a.signer, position: a.position }), signature, source),
    unit(base, 'position', words, a.position, signature, source),
    unit(base, 'issuer', words, agency, fillWording(t.issuedBy, { agency: a.agency }), source),
  ];
  const itaName = itaNameIn(a.preamble);
  if (itaName)
    units.push(unit(base, 'itaName', words, itaName.value, itaName.quote, `${source} ITA ${ITA_NAME_WORDS}`));
  return units;
}

/** How residents ask for the name spelt out (matched, never shown): "ชื่อเต็มภาษาอังกฤษ". */
const ITA_NAME_WORDS = 'ชื่อเต็ม full name';

/** "(Integrity Transparency Assessment : ITA)" and the Thai name before it, as the preamble writes them. */
function itaNameIn(preamble: string): { value: string; quote: string } | null {
  const found = /((?:การ)?ประเมินคุณธรรม[^\s(]*)[^(]*\(\s*([A-Za-z][A-Za-z ]+?)\s*:\s*ITA\s*\)/u.exec(preamble);
  if (!found?.[1] || !found[2]) return null;
  return { value: `${found[2]} (${found[1]})`, quote: found[0] };
}
