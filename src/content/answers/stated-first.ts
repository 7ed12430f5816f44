import type { FactBook } from './fact-book.js';
import { setByAsked } from './fact-ranking.js';
import type { FactUnit } from './fact-units.js';
import { claimVerdict } from './claim-verdict.js';
import { meets } from './question-words.js';
import type { QuestionShape } from './read-question.js';

/**
 * What an answer states first beside the fact: the yes or no to what a yes/no question claims
 * or compares, or the clause's own words naming the doer a "who" question asks for.
 */
export interface Stated {
  verdict?: boolean;
  stated?: string;
}

/** Shortest act words ("เห็นชอบ") a question must share with the clause's words before a link. */
const MIN_ACT = 4;

/**
 * "เห็นชอบจากใคร" of a clause that says "โดยความเห็นชอบของผู้บริหาร": another link word, the same
 * act. The clause's own words are stated, verbatim, when the question names the act.
 */
function actLinked(unit: FactUnit, asked: string, after = ''): { stated?: string } {
  for (const [link, linked] of Object.entries(unit.links ?? {})) {
    let act = linked.before;
    while (act.length >= MIN_ACT && !asked.includes(act + after)) act = act.slice(1);
    if (act.length >= MIN_ACT) return { stated: `${linked.before}${link}${linked.agent}` };
  }
  return {};
}

/** A doer after the link word asked about ("ของผู้ใต้บังคับบัญชา") that the question does not name itself. */
function otherDoer(unit: FactUnit, link: string | null, asked: string): string | undefined {
  if (!link) return undefined;
  // The doer's name ends before the clause goes on ("ผู้ใต้บังคับบัญชา|ให้เป็นไปตาม…").
  for (const [, doer] of unit.value.matchAll(new RegExp(`${link}(ผู้[^\\s]+?)(?=ให้|ต้อง|และ|\\s|$)`, 'gu')))
    if (doer && !namesDoer(asked, doer)) return `${link}${doer}`;
  return undefined;
}

/** Fewest letters of a doer's name a question must write to name that doer ("ผู้บริหาร" of "ผู้บริหารทุกระดับ"). */
const MIN_DOER = 6;

/** The question names the doer, whole or by the start of its name. */
function namesDoer(asked: string, agent: string): boolean {
  let name = agent.replace(/\s+/g, '');
  while (name.length >= MIN_DOER && !asked.includes(name)) name = name.slice(0, -1);
  return name.length >= MIN_DOER;
}

/** What the answer says first beside the fact: yes or no to a number compared with, the doer tied to the act asked about. */
export function said(unit: FactUnit, shape: QuestionShape, book: FactBook): Stated {
  if (shape.kind === 'yesno' && shape.threshold && unit.amount !== undefined)
    return { verdict: meets(unit.amount, shape.threshold) };
  const claimed = claimVerdict(book, unit, shape);
  if (claimed !== undefined) return { verdict: claimed };
  const asked = shape.time.rest.replace(/\s+/g, '');
  const setBy = shape.kind === 'who' ? setByAsked(unit, asked, shape.link) : null;
  if (setBy) return { stated: setBy };
  const linked = shape.link ? unit.links?.[shape.link] : undefined;
  // "ผู้บริหาร(ทุกระดับ)ต้องตรวจสอบ…ของใคร": the doer the question names itself is not the answer.
  if (shape.kind === 'who' && unit.agent && namesDoer(asked, unit.agent))
    return { stated: otherDoer(unit, shape.link, asked) ?? unit.value };
  // "ต้องผ่านความเห็นชอบใคร": a noun right before "ใคร" asks whose, as "ของใคร" does.
  if (!linked) return shape.link ? actLinked(unit, asked) : shape.kind === 'who' ? actLinked(unit, asked, 'ใคร') : {};
  // "โดยความเห็นชอบของใคร": the clause's own words before the link, as far as the question has them too.
  let lead = linked.before;
  while (lead.length > 0 && !asked.includes(lead + shape.link)) lead = lead.slice(1);
  return { stated: lead.length >= 2 ? `${lead}${shape.link}${linked.agent}` : linked.agent };
}
