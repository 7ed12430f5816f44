import { containsPhrase, phrases } from '../matching/phrase-match.js';
import { FOLLOW_ON } from './fact-choice.js';
import type { QuestionShape } from './read-question.js';
import type { ServiceFact } from './service-facts.js';

/** Each fact's keyword and topic lists in matching form, prepared once per facts list. */
const prepared = new WeakMap<ServiceFact, { topic: string[]; keywords: string[] }>();

function words(fact: ServiceFact): { topic: string[]; keywords: string[] } {
  let entry = prepared.get(fact);
  if (!entry) prepared.set(fact, (entry = { topic: phrases(fact.topic), keywords: phrases(fact.keywords) }));
  return entry;
}

/** Contacting words: with a problem or an office named, they ask whom to contact ("ไฟถนนเสีย ติดต่อ", "ติดต่อศูนย์ดำรงธรรม"). */
const CONTACT = phrases(['ติดต่อ', 'แจ้ง', 'โทร', 'call', 'contact', 'report']);
/** "คือใคร", "เป็นใคร", "who is": asking who someone is, not who does something. */
const WHO_IS = /(?:คือ|เป็น)\s*ใคร|\bwho\s+(?:is|are)\b/iu;
/** Kinds that ask for a channel: where, to whom, how. */
const CHANNEL_KINDS: ReadonlySet<string> = new Set(['where', 'who', 'how']);

/** The question names one of the fact's topic words. */
function names(fact: ServiceFact, shape: QuestionShape): boolean {
  const { topic } = words(fact);
  return topic.length > 0 && containsPhrase(shape.said, topic);
}

/** It asks for a channel: where, whom, how, a phone number or an address, or says "contact". */
function asksChannel(shape: QuestionShape): boolean {
  return (
    (shape.kind !== null && CHANNEL_KINDS.has(shape.kind)) ||
    shape.fields.includes('phone') ||
    shape.fields.includes('contact') ||
    containsPhrase(shape.said, CONTACT)
  );
}

/**
 * A problem another channel fixes, told with nothing asked ("ไฟดับทั้งหมู่บ้าน", "ถนนเป็นหลุม"):
 * its channel, for a message the documents do not answer.
 */
export function problemTold(facts: readonly ServiceFact[], shape: QuestionShape): ServiceFact | null {
  // A list kind here is no real question ("ทั้งหมู่บ้าน" is one letter from "ทั้งหมด").
  if ((shape.kind !== null && shape.kind !== 'list') || shape.fields.length > 0) return null;
  return facts.find((f) => f.asks === 'problem' && names(f, shape)) ?? null;
}

/**
 * The service fact a question asks about. A question about where or how to report gets the
 * reporting or problem fact whose topic it names (the executives, a road), else the general
 * one. A problem another agency fixes (a street light, a power cut) needs no reporting word:
 * naming it and asking where, whom or a number is enough ("ไฟถนนเสีย ติดต่อที่ไหน"). Any
 * other question gets a fact only when it names the fact's topic and asks a kind of question
 * the fact answers (a phone number, what an abbreviation stands for), so "ป.ป.ช." inside a
 * question about a measure still reaches the measure.
 */
export function serviceFactFor(
  facts: readonly ServiceFact[],
  shape: QuestionShape,
  reporting: boolean,
): ServiceFact | null {
  if (reporting) {
    // "แจ้งเบาะแสแล้วจะรู้ผลยังไง": a fact about reporting that the question names (following a tip up) fits too.
    const fits = (f: ServiceFact): boolean =>
      f.asks !== undefined || (shape.kind !== null && f.kinds.includes(shape.kind));
    return (
      facts.find((f) => fits(f) && names(f, shape)) ??
      facts.find((f) => f.asks === 'reporting' && words(f).topic.length === 0) ??
      null
    );
  }
  const problem = facts.find((f) => f.asks === 'problem' && names(f, shape));
  if (problem && asksChannel(shape)) return problem;
  const phone = shape.fields.includes('phone') || containsPhrase(shape.said, CONTACT) || numberClaimed(shape);
  return (
    facts.find((f) => {
      if (f.asks !== undefined || !names(f, shape)) return false;
      // "ป.ป.ท. คือใคร": who an agency is, is what its name stands for.
      const whoIs = shape.kind === 'who' && WHO_IS.test(shape.time.rest) && f.kinds.includes('abbrev');
      const kindFits = (shape.kind !== null && f.kinds.includes(shape.kind)) || whoIs;
      return kindFits || (phone && f.kinds.includes('where'));
    }) ?? null
  );
}

/**
 * "ศูนย์ดำรงธรรม 1567 ใช่ไหม": a yes/no naming an office with a phone-like number is a claim
 * about its number (years are read out of the question before): its channel answer states the right one.
 */
/** Four digits or more (1205, 1567): a measure's or a clause's number ("มาตรการที่ 3", "ข้อ 2.2") is no phone number. */
const PHONE_LIKE = /(?<![\d.])\d{4,}(?![\d.])/u;

function numberClaimed(shape: QuestionShape): boolean {
  return shape.kind === 'yesno' && PHONE_LIKE.test(shape.said.compact);
}

/** Where a service fact stands as the previous answer's subject ("service:pacc-name"). */
export const SERVICE_FAMILY = 'service:';

/**
 * A follow-up after a service fact. Without its subject ("ป.ป.ท. ย่อมาจากอะไร" then
 * "แล้วเบอร์โทรล่ะ"), it asks about that fact's topic: the fact on the same topic that answers
 * this kind of question (a phone number is where to call). Naming another topic and nothing
 * else ("สายด่วน ป.ป.ช." then "แล้ว ป.ป.ท. ล่ะ"), it asks the same of that topic: the fact
 * naming it that answers most of the kinds the previous one did. Null otherwise.
 */
export function serviceFollowUp(
  facts: readonly ServiceFact[],
  shape: QuestionShape,
  previous: string | undefined,
): ServiceFact | null {
  const id = previous?.startsWith(SERVICE_FAMILY) ? previous.slice(SERVICE_FAMILY.length) : null;
  const before = facts.find((f) => f.id === id);
  if (!before) return null;
  if (!shape.subjectless)
    return shape.kind === null && shape.fields.length === 0 ? sameKindOf(facts, shape, before) : null;
  const topic = new Set(words(before).topic);
  const phone = shape.fields.includes('phone');
  return (
    facts.find(
      (f) =>
        f.asks === undefined &&
        words(f).topic.some((t) => topic.has(t)) &&
        ((shape.kind !== null && f.kinds.includes(shape.kind)) || (phone && f.kinds.includes('where'))),
    ) ?? null
  );
}

/** "แล้ว ป.ป.ท. ล่ะ": of the facts naming the topic asked now, the one sharing most kinds with the one before. */
function sameKindOf(facts: readonly ServiceFact[], shape: QuestionShape, before: ServiceFact): ServiceFact | null {
  if (!FOLLOW_ON.test(shape.time.rest)) return null;
  let top: ServiceFact | null = null;
  let most = 0;
  for (const fact of facts) {
    if (fact === before || fact.asks !== undefined || !names(fact, shape)) continue;
    const shared = fact.kinds.filter((k) => before.kinds.includes(k)).length;
    if (shared > most) [top, most] = [fact, shared];
  }
  return top;
}
