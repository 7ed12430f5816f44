import { containsPhrase, phrases } from '../../bot/phrase-match.js';
import type { QuestionShape } from './read-question.js';
import type { ServiceFact } from './service-facts.js';

/** Each fact's keyword and topic lists in matching form, prepared once per facts list. */
const prepared = new WeakMap<ServiceFact, { topic: string[]; keywords: string[] }>();

function words(fact: ServiceFact): { topic: string[]; keywords: string[] } {
  let entry = prepared.get(fact);
  if (!entry) prepared.set(fact, (entry = { topic: phrases(fact.topic), keywords: phrases(fact.keywords) }));
  return entry;
}

/**
 * The service fact a question asks about. A question about where or how to report gets the
 * reporting fact whose topic it names (the executives, a road), else the general one; any
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
    const reportingFacts = facts.filter((f) => f.asks === 'reporting');
    return (
      reportingFacts.find((f) => words(f).topic.length > 0 && containsPhrase(shape.said, words(f).topic)) ??
      reportingFacts.find((f) => words(f).topic.length === 0) ??
      null
    );
  }
  const phone = shape.fields.includes('phone');
  return (
    facts.find((f) => {
      if (f.asks === 'reporting' || words(f).topic.length === 0 || !containsPhrase(shape.said, words(f).topic))
        return false;
      const kindFits = shape.kind !== null && f.kinds.includes(shape.kind);
      return kindFits || (phone && f.kinds.includes('where') && !f.kinds.includes('abbrev'));
    }) ?? null
  );
}
