import { analyzeText, type Token } from './text-analysis.js';
import { collapseRepeats } from '../thai/repeats.js';
import type { ConceptHit, Thesaurus } from './thesaurus.js';
import type { FuzzyVocabulary } from './fuzzy-vocabulary.js';

/** An indexed term (word or "§n" concept) a query unit may match, and how well it stands for it. */
export interface Alternative {
  term: string;
  similarity: number;
}

/**
 * One meaningful piece of a question: a word, a misspelled word put back together, or a
 * synonym phrase. Each unit must be found in an item for the item to cover the question.
 */
export interface QueryUnit {
  text: string;
  alternatives: Alternative[];
  /** How many words the unit spans: an unknown run of several words weighs more. */
  span: number;
}

/** A synonym counts a little less than the word itself, so the item using the asker's word wins ties. */
const SYNONYM_SIMILARITY = 0.9;

/**
 * Splits a question into units. A synonym phrase is one unit however many words the segmenter
 * made of it ("เจ้า|หน้าที่"); other known words stand alone; runs of unknown words are joined
 * and looked up as one, because the segmenter breaks a misspelled word into pieces
 * ("ดุลพินิด" → "ดุล|พิ|นิด") that mean nothing alone.
 */
export function queryUnits(query: string, thesaurus: Thesaurus, vocabulary: FuzzyVocabulary): QueryUnit[] {
  const text = analyzeText(query);
  const hits = thesaurus.find(text);
  const units: QueryUnit[] = [];
  let run: Token[] = [];
  let phrase: { hits: ConceptHit[]; tokens: Token[] } | null = null;
  const flush = (): void => {
    if (run.length > 0) units.push(...unknownRun(run, thesaurus, vocabulary));
    if (phrase) units.push(synonymPhrase(phrase.hits, phrase.tokens, vocabulary));
    run = [];
    phrase = null;
  };
  for (const token of text.tokens) {
    if (token.filler) continue;
    const over = hits.filter((h) => h.start < token.end && h.end > token.start);
    if (over.length > 0) {
      const samePhrase = phrase?.hits.some((h) => over.includes(h)) ?? false;
      if (!samePhrase || !phrase) flush();
      phrase ??= { hits: [], tokens: [] };
      phrase.hits.push(...over.filter((h) => !phrase?.hits.includes(h)));
      phrase.tokens.push(token);
    } else if (vocabulary.has(token.text)) {
      flush();
      units.push({ text: token.text, alternatives: [{ term: token.text, similarity: 1 }], span: 1 });
    } else {
      if (phrase) flush();
      run.push(token);
    }
  }
  flush();
  // A synonym phrase made only of function words still says something.
  for (const hit of hits) {
    if (!text.tokens.some((t) => !t.filler && t.start < hit.end && t.end > hit.start)) {
      units.push(synonymPhrase([hit], [], vocabulary, text.compact.slice(hit.start, hit.end)));
    }
  }
  return units;
}

/**
 * A synonym phrase: its groups, and the word itself when it is one word. The pieces of a
 * phrase the segmenter split ("นายก|เทศมนตรี|ตำบล") are not alternatives: an item holding
 * the whole phrase has its group, and one holding only "ตำบล" does not answer it.
 */
function synonymPhrase(hits: ConceptHit[], tokens: Token[], vocabulary: FuzzyVocabulary, label?: string): QueryUnit {
  const alternatives = [...new Set(hits.map((h) => h.concept))].map((term) => ({
    term,
    similarity: SYNONYM_SIMILARITY,
  }));
  const [only] = tokens;
  if (tokens.length === 1 && only && vocabulary.has(only.text)) alternatives.push({ term: only.text, similarity: 1 });
  return { text: label ?? tokens.map((t) => t.text).join(''), alternatives, span: 1 };
}

/** Longest run of unknown words tried as one word; longer runs are split first. */
const MAX_RUN = 6;

/**
 * Unknown words, covered by as few spelling lookups as possible: the whole run first (a
 * misspelled word the segmenter broke up), else the best split into looked-up pieces and
 * leftovers, since a typo can also break the word before it ("ค่า|ธร|รม|เนียม|ขะย").
 */
function unknownRun(run: Token[], thesaurus: Thesaurus, vocabulary: FuzzyVocabulary): QueryUnit[] {
  if (run.length > MAX_RUN) {
    return [
      ...unknownRun(run.slice(0, MAX_RUN), thesaurus, vocabulary),
      ...unknownRun(run.slice(MAX_RUN), thesaurus, vocabulary),
    ];
  }
  // best[i]: the best cover of the first i words, scored by matched letters.
  const best: { score: number; units: QueryUnit[] }[] = [{ score: 0, units: [] }];
  for (let end = 1; end <= run.length; end++) {
    const previous = best[end - 1] ?? { score: 0, units: [] };
    let choice = { score: previous.score, units: withUnknown(previous.units, run[end - 1]) };
    for (let start = 0; start < end; start++) {
      const unit = lookedUp(run.slice(start, end), thesaurus, vocabulary);
      const before = best[start] ?? { score: 0, units: [] };
      const score = before.score + unit.matched;
      if (unit.matched > 0 && score > choice.score) choice = { score, units: [...before.units, unit.unit] };
    }
    best.push(choice);
  }
  return best[run.length]?.units ?? [];
}

/** Appends an unknown word, joining it to an unknown unit just before it. */
function withUnknown(units: QueryUnit[], token: Token | undefined): QueryUnit[] {
  const last = units.at(-1);
  if (!token) return units;
  if (last && last.alternatives.length === 0) {
    return [...units.slice(0, -1), { text: last.text + token.text, alternatives: [], span: last.span + 1 }];
  }
  return [...units, { text: token.text, alternatives: [], span: 1 }];
}

/** Words joined and looked up by spelling, with their synonym groups; `matched` is letters × similarity. */
function lookedUp(
  words: Token[],
  thesaurus: Thesaurus,
  vocabulary: FuzzyVocabulary,
): { unit: QueryUnit; matched: number } {
  const joined = collapseRepeats(words.map((t) => t.text).join(''));
  const matches = vocabulary.has(joined) ? [{ term: joined, similarity: 1 }] : vocabulary.lookup(joined);
  const alternatives: Alternative[] = [];
  for (const match of matches) {
    alternatives.push(match);
    const concept = thesaurus.conceptOf(match.term);
    if (concept) alternatives.push({ term: concept, similarity: match.similarity * SYNONYM_SIMILARITY });
  }
  const top = matches[0]?.similarity ?? 0;
  return { unit: { text: joined, alternatives, span: 1 }, matched: top * joined.length };
}
