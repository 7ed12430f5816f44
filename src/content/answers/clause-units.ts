import { toArabicDigits } from '../../thai/digits.js';
import type { Announcement, AnnouncementItem, ContentDocument } from '../model.js';
import { sameTitle, WEIGHT } from '../search-items.js';
import { analyzeText } from '../text-analysis.js';
import type { FactUnit, UnitWords } from './fact-units.js';
import { AGENT_LINKS } from './question-words.js';
import { fillWording } from './service-facts.js';

/** Every numbered clause and sub-clause of the announcement, with its section, number, doer and links. */
export function clauseUnits(doc: ContentDocument, a: Announcement, year: number, words: UnitWords): FactUnit[] {
  const t = words.templates;
  const source = fillWording(t.announcement, { subject: a.subject });
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
        label: fillWording(t.clause, { label: words.labels.clause, number: item.number, section: section.title }),
        value: item.text,
        quote: item.text,
        source,
        place: fillWording(t.clausePlace, { section: section.title, number: item.number, date: a.dateText }),
        open: { a: 'section', id: section.id },
        number: toArabicDigits(item.number),
        ...(agent ? { agent } : {}),
        ...linksOf(item.text),
        ...setByOf(item.text),
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

/**
 * Where the preamble's sentences start: the connectives official Thai opens a clause with
 * ("และเพื่อ…" goes on with the sentence before it: the purpose of what it says).
 */
const SENTENCE_START = /\s+(?=เพื่อ|จึง|(?:และ)?(?:กำหนด|โดย|มาตรการ))/u;
/** A piece shorter than this is joined to the next (a heading, "โดยกำหนดแนวทางดังนี้"). */
const MIN_SENTENCE = 40;

/**
 * The announcement's preamble, sentence by sentence: it says why the measures exist (the ITA
 * indicator, "ไม่เลือกปฏิบัติต่อผู้รับบริการ"), which residents ask about as much as any clause.
 */
export function preambleUnits(doc: ContentDocument, a: Announcement, year: number, words: UnitWords): FactUnit[] {
  const t = words.templates;
  const sentences: string[] = [];
  let open = '';
  for (const piece of a.preamble.split(SENTENCE_START)) {
    open = open === '' ? piece.trim() : `${open} ${piece.trim()}`;
    if (open.length >= MIN_SENTENCE) [sentences[sentences.length], open] = [open, ''];
  }
  if (open !== '') sentences.push(open);
  const source = fillWording(t.announcement, { subject: a.subject });
  return sentences.map((text, index) => ({
    id: `${doc.id}:preamble:${index + 1}`,
    field: 'clause',
    itemId: `${doc.id}:announcement:${a.id}`,
    family: 'announcement',
    key: `announcement/preamble/${index + 1}`,
    docId: doc.id,
    year,
    label: t.preamble,
    value: text,
    quote: text,
    source,
    place: fillWording(t.announcementDate, { date: a.dateText }),
    open: { a: 'announcement', id: a.id },
    aside: true,
    fields: [
      { text, weight: WEIGHT.body },
      { text: source, weight: WEIGHT.context },
    ],
  }));
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

/** A doer, with a dotted abbreviation after it ("สำนักงาน ป.ป.ช."). */
const DOER = '((?:ผู้|งาน|สำนัก|กอง|ฝ่าย)[^\\s]+(?:\\s[ก-ฮ](?:\\.[ก-ฮ])+\\.?)?)';
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

/** "แนวทางที่สำนักงาน ป.ป.ช. กำหนด": a thing, ที่, a doer, the act the doer does to it. */
const SET_BY = new RegExp(`([^\\s]*)ที่${DOER}\\s*([ก-๙]+)`, 'u');

/** The doer a clause names in a relative clause, found once when the document is loaded. */
function setByOf(text: string): Pick<FactUnit, 'setBy'> {
  const found = SET_BY.exec(text);
  return found?.[2] && found[3] ? { setBy: { before: found[1] ?? '', agent: found[2], verb: found[3] } } : {};
}

/** A section title's own words (not "มาตรการ", which every title has). */
function titleWords(title: string): string[] {
  return analyzeText(title)
    .tokens.filter((t) => !t.filler && t.text.length > 1 && t.text !== 'มาตรการ')
    .map((t) => t.text);
}
