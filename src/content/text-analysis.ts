import { collapseRepeats, tokens } from '../thai/normalize.js';
import { isFillerWord } from '../thai/stop-words.js';

/** A word of a text in matching form, with where it sits in the text's compact form. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** A particle, asking frame or function word: ignored by search, kept for phrase matching. */
  filler: boolean;
}

/**
 * A text as search sees it. `compact` is all tokens joined without spaces: Thai is written
 * without spaces and the official text breaks lines mid-word ("ประพฤติ ตนทาง"), so phrases
 * are matched on the compact form, and the tokens say which words a phrase covers.
 */
export interface AnalyzedText {
  compact: string;
  tokens: Token[];
}

/**
 * The texts analysed last, newest first: a message is read for its intent and then searched,
 * and a question that finds nothing is searched again by its subject words, in turns.
 */
const recent: { text: string; analyzed: Readonly<AnalyzedText> }[] = [];
/** Texts kept: one question reads four at most (the message, its question part, two subject forms). */
export const ANALYSED_KEPT = 4;

/**
 * Segments and normalises a text once, for both indexing and querying. The result is frozen:
 * the same object is handed to the next caller that asks about the same text.
 */
export function analyzeText(text: string): Readonly<AnalyzedText> {
  for (const seen of recent) if (seen.text === text) return seen.analyzed;
  const analyzed = analyze(text);
  analyzed.tokens.forEach((token) => Object.freeze(token));
  Object.freeze(analyzed.tokens);
  if (recent.unshift({ text, analyzed: Object.freeze(analyzed) }) > ANALYSED_KEPT) recent.pop();
  return recent[0]!.analyzed;
}

function analyze(text: string): AnalyzedText {
  let compact = '';
  const out: Token[] = [];
  for (const word of tokens(text)) {
    out.push({ text: word, start: compact.length, end: compact.length + word.length, filler: isFillerWord(word) });
    compact += word;
  }
  markFillerPhrases(out);
  return { compact, tokens: out };
}

/** Fillers the segmenter splits ("เท่า|ไหร่", "ยัง|ไง", "ปี|นี้") are fillers as a whole. */
function markFillerPhrases(list: Token[]): void {
  for (let i = 0; i + 1 < list.length; i++) {
    const first = list[i]?.text ?? '';
    const two = first + (list[i + 1]?.text ?? '');
    const three = i + 2 < list.length ? two + (list[i + 2]?.text ?? '') : '';
    const length = three !== '' && isFillerPhrase(three) ? 3 : isFillerPhrase(two) ? 2 : 0;
    for (let j = i; j < i + length; j++) {
      const token = list[j];
      if (token) token.filler = true;
    }
  }
}

function isFillerPhrase(joined: string): boolean {
  return joined.length <= 16 && isFillerWord(collapseRepeats(joined));
}

/** The compact matching form of a term (as `analyzeText(term).compact`). */
export function compactForm(term: string): string {
  return tokens(term).join('');
}
