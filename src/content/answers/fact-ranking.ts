import type { FactBook } from './fact-book.js';
import type { FactUnit } from './fact-units.js';
import type { Field } from './question-kinds.js';
import { HOW_OFTEN_STATED, type AgentLink } from './question-words.js';

/** Share of the question a fact must hold (as for items: see search-confidence.ts). */
export const MIN_COVERAGE = 0.5;
/** A fact of the item the item search found, or of the previous answer, is preferred this much. */
const SUBJECT_BOOST = 1.25;
/** A fact of the field the question names outranks a clause that merely mentions it. */
const FIELD_BOOST = 1.6;
/** "Who" is best answered by a clause that names its doer. */
const AGENT_BOOST = 1.2;
/** A field the kind of question asks for ("where" → the province) breaks a tie with a clause. */
const KIND_BOOST = 1.1;
const NO_PREFERENCE: Preference = {
  subjects: [],
  named: [],
  kindFields: [],
  who: false,
  link: null,
  asked: '',
  often: false,
};
/** "ต้องรายงานผู้บริหารทุกกี่เดือน": the clause saying "รายไตรมาส" outranks one sharing more words. */
const OFTEN_BOOST = 1.4;
/** "ตามแนวทางของหน่วยงานไหน", "ใครเป็นคนกำหนด": a clause naming who sets that thing or does that act states it. */
const SET_BY_BOOST = 1.5;
/** Fewest letters of the thing a question names before its link word ("แนวทาง") to count as the clause's. */
const MIN_THING = 3;
/** "รายงานต่อใคร", "แจ้งใคร": a clause that names someone after the same link word states what is asked. */
const LINK_BOOST = 1.3;
/** What makes one fitting fact better than another beside its relevance. */
export interface Preference {
  subjects: readonly string[];
  /** Fields the question names. */
  named: readonly Field[];
  /** Fields its kind of question asks for when it names none. */
  kindFields: readonly Field[];
  who: boolean;
  link: AgentLink | null;
  /** The question, letters only (no spaces): what a clause's relative doer is matched against. */
  asked: string;
  /** It asks how often ("ทุกกี่เดือน"): wording that states how often is what answers. */
  often: boolean;
}

function weight(unit: FactUnit, p: Preference): number {
  const about = p.subjects.includes(unit.family) || (unit.related !== undefined && p.subjects.includes(unit.related));
  const field = unit.field as Field;
  const linked = p.link !== null && unit.links?.[p.link] !== undefined;
  return (
    (about ? SUBJECT_BOOST : 1) *
    (p.named.includes(field) ? FIELD_BOOST : p.kindFields.includes(field) ? KIND_BOOST : 1) *
    (p.who && unit.agent ? AGENT_BOOST : 1) *
    (linked ? LINK_BOOST : 1) *
    (p.who && setByAsked(unit, p.asked, p.link) !== null ? SET_BY_BOOST : 1) *
    (p.often && HOW_OFTEN_STATED.test(unit.quote) ? OFTEN_BOOST : 1)
  );
}

/**
 * The clause's own words naming who sets the thing or does the act a "who" question asks about:
 * "ตามแนวทางของหน่วยงานไหน" (the thing before the link) or "ใครเป็นคนกำหนด" (the act) of a clause
 * saying "ตามแนวทางที่สำนักงาน ป.ป.ช. กำหนด" gives "แนวทางที่สำนักงาน ป.ป.ช. กำหนด"; null when neither is asked.
 */
export function setByAsked(unit: FactUnit, asked: string, link: AgentLink | null): string | null {
  if (!unit.setBy) return null;
  const { before, agent, verb } = unit.setBy;
  const thing = (after: string): string => {
    let lead = before;
    while (lead.length >= MIN_THING && !asked.includes(lead + after)) lead = lead.slice(1);
    return lead.length >= MIN_THING ? lead : '';
  };
  const named = link ? thing(link) : '';
  if (named !== '') return `${named}ที่${agent}`;
  if (!asked.includes(verb)) return null;
  const lead = thing('');
  return `${lead}${lead === '' ? '' : 'ที่'}${agent} ${verb}`;
}

/** The best-matching fact that fits, the subject's facts first; null when none holds enough of the question. */
export function best(
  book: FactBook,
  text: string,
  fits: (u: FactUnit) => boolean,
  prefer: Preference = NO_PREFERENCE,
): FactUnit | null {
  let top: FactUnit | null = null;
  let topScore = 0;
  for (const { unit, hit } of book.search(text)) {
    if (!fits(unit) || hit.coverage < MIN_COVERAGE) continue;
    const score = hit.score * weight(unit, prefer);
    if (score > topScore) [top, topScore] = [unit, score];
  }
  return top;
}
