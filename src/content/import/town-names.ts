import { editDistanceOf } from '../fuzzy-vocabulary.js';
import type { AnnouncementItem, Cell, ContentDocument } from '../model.js';

/**
 * Where a document names the municipality differently from its ITA report (the seed's
 * announcement heading says "โพธาราย", the report "โพนทราย"). Quotes stay as written; the
 * importer warns and the staff console lists these, so staff can publish a correction.
 */
export interface TownNameMismatch {
  documentId: string;
  fileName: string;
  /** Where in the document, in English (the import command) and Thai (the console). */
  where: { en: string; th: string };
  /** The name as the document writes it, e.g. "เทศบาลตำบลโพธาราย". */
  written: string;
  /** The name in the ITA report, e.g. "เทศบาลตำบลโพนทราย". */
  report: string;
}

/** "เทศบาลตำบลโพนทราย", "นายกเทศมนตรีตำบลโพนทราย": the kind of municipality, then its name. */
const TOWN = /(เทศบาล|เทศมนตรี)(ตำบล|เมือง|นคร)([ก-๙]+)/g;
/** Words that may run on after a name when the text has no space there. */
const RUN_ON = /(อำเภอ|จังหวัด|ประจำ|ได้|จึง|ว่าด้วย|เรื่อง|ซึ่ง|และ|โดย|ที่|ใน)/;

interface Passage {
  where: TownNameMismatch['where'];
  text: string;
}

/** The name part of a municipality's name ("โพนทราย" of "เทศบาลตำบลโพนทราย"). */
export function townNameOf(agency: string): string | null {
  const match = new RegExp(TOWN.source).exec(agency);
  return match ? trimRunOn(match[3]!) : null;
}

/** The ITA report to compare with: the document's own, else the newest among `known`. */
export function reportAgency(doc: ContentDocument, known: readonly ContentDocument[] = []): string | null {
  if (doc.ita) return doc.ita.agency;
  const newest = known.flatMap((d) => (d.ita ? [d.ita] : [])).sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
  return newest?.agency ?? null;
}

/**
 * Each passage that names the municipality close to, but not as, the report (a neighbouring
 * municipality with a quite different name is not a misspelling and is left alone); one entry
 * per place and spelling.
 */
export function townNameMismatches(doc: ContentDocument, agency: string | null): TownNameMismatch[] {
  const expected = agency ? townNameOf(agency) : null;
  if (!agency || !expected) return [];
  const seen = new Set<string>();
  const out: TownNameMismatch[] = [];
  for (const passage of passages(doc)) {
    for (const match of passage.text.matchAll(TOWN)) {
      const name = trimRunOn(match[3]!);
      if (name.startsWith(expected) || !similar(name, expected) || seen.has(`${passage.where.en}|${name}`)) continue;
      seen.add(`${passage.where.en}|${name}`);
      out.push({
        documentId: doc.id,
        fileName: doc.source.fileName,
        where: passage.where,
        written: `${match[1]}${match[2]}${name}`,
        report: agency,
      });
    }
  }
  return out;
}

/** One line for the import command. */
export function mismatchLine(m: TownNameMismatch): string {
  return `warning: ${m.fileName}: ${m.where.en} names the municipality "${m.written}", the ITA report "${m.report}" (imported as written; staff can publish a correction)`;
}

function trimRunOn(name: string): string {
  const cut = RUN_ON.exec(name.slice(2));
  return cut ? name.slice(0, cut.index + 2) : name;
}

function similar(a: string, b: string): boolean {
  const max = Math.max(2, Math.floor([...b].length / 3));
  return editDistanceOf([...a], [...b], max) <= max;
}

function passages(doc: ContentDocument): Passage[] {
  const out: Passage[] = [];
  const add = (en: string, th: string, text: string) => out.push({ where: { en, th }, text });
  if (doc.ita) add('the ITA report', 'รายงานผล ITA', `${doc.ita.title}\n${doc.ita.summary}`);
  for (const m of doc.measures)
    add(
      `measure ${m.order}`,
      `มาตรการลำดับที่ ${m.order}`,
      [m.title, ...[m.method, m.period, m.owner, m.summary, m.outcome, m.budget].map(cellText)].join('\n'),
    );
  const a = doc.announcement;
  if (!a) return out;
  add('the announcement heading', 'หัวประกาศ', a.agency);
  add('the announcement text', 'ข้อความนำของประกาศ', `${a.subject}\n${a.preamble}`);
  a.sections.forEach((s, i) =>
    add(`announcement section ${i + 1}`, `ประกาศ หมวด “${s.title}”`, [s.title, ...s.items.map(itemText)].join('\n')),
  );
  add("the signer's position", 'ตำแหน่งผู้ลงนามประกาศ', a.position);
  return out;
}

const cellText = (cell: Cell) => (cell.kind === 'text' ? cell.text : cell.items.join('\n'));
const itemText = (item: AnnouncementItem): string => [item.text, ...item.subItems.map(itemText)].join('\n');
