import { collapseRepeats, tokens } from './normalize.js';

/**
 * Typo repair before word splitting. A misspelt document word ("มาตการ", "ดุลพินิด",
 * "ประกาด") is split by the segmenter into pieces no search can match ("ตกา รดุล พินิจ"), so
 * the question is repaired first: each long word of the imported documents is registered with
 * its one-letter misspellings (a letter left out, or replaced by one that sounds alike), and a
 * run of the question that is exactly such a misspelling, and not part of a real word there,
 * is written as the word. A lookup is a few map reads per character of the question.
 */

/** Letters written for one another because they sound alike (or look alike: ใ/ไ). */
const SOUND_ALIKE = ['ศสษซ', 'ดจตฎฏ', 'นณญ', 'ลรฬ', 'ทธฑฒถฐ', 'พภผ', 'คฆข', 'ไใ'];
/** Letters that sound alike at the end of a word (the final sounds k, t, p, n: "ประกาด" for "ประกาศ"). */
const FINAL_ALIKE = ['กขคฆ', 'ดตจชซศษสทธฐฑฒฎฏ', 'บปพภฟ', 'นณญรลฬ'];
/** Only words this long (in code points) are repaired: shorter misspellings are other words. */
const MIN_TERM = 6;
/** A misspelling shorter than this is too likely a piece of a correct word ("ประกา" in "ประการ"). */
const MIN_VARIANT = 6;
const MAX_TERM = 16;
/** Cap on registered words, so many tenants' documents keep the table small. */
const MAX_TERMS = 5_000;
const THAI_RUN = /[\u0E00-\u0E7F]+/gu;

const alikeTable = (groups: readonly string[]): Map<string, string> =>
  new Map(groups.flatMap((group) => [...group].map((letter) => [letter, group.replace(letter, '')] as const)));
const alike = alikeTable(SOUND_ALIKE);
const finalAlike = alikeTable(FINAL_ALIKE);

const known = new Set<string>();
/** Misspelling → the word; '' when two words share it (then it is left alone). */
const variants = new Map<string, string>();
/**
 * The first MIN_VARIANT units of every misspelling: where the question's next six letters are
 * none of these, no misspelling starts there (one lookup instead of one per length).
 */
const variantStarts = new Set<string>();
/** The registered words as matching reads them, doubles collapsed ("จริยธรรม" → "จริยธรม"). */
const matched = new Set<string>();

/** Registers the documents' words (any text: its Thai runs of a repairable length are taken). */
export function addRepairTerms(words: Iterable<string>): void {
  for (const word of words) {
    for (const term of word.match(THAI_RUN) ?? []) {
      const letters = [...term];
      if (letters.length < MIN_TERM || letters.length > MAX_TERM || known.has(term) || known.size >= MAX_TERMS)
        continue;
      known.add(term);
      matched.add(collapseRepeats(term));
      variants.delete(term);
      for (const variant of misspellings(letters)) {
        if (variant.length < MIN_VARIANT || known.has(variant)) continue;
        const before = variants.get(variant);
        variants.set(variant, before === undefined || before === term ? term : '');
        variantStarts.add(variant.slice(0, MIN_VARIANT));
      }
    }
  }
}

function misspellings(letters: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < letters.length; i++) {
    out.push([...letters.slice(0, i), ...letters.slice(i + 1)].join(''));
    const table = i === letters.length - 1 ? finalAlike : alike;
    for (const other of table.get(letters[i]!) ?? '')
      out.push([...letters.slice(0, i), other, ...letters.slice(i + 1)].join(''));
    // "ทร" is said ซ ("ทราย", "โทรม"): written as it sounds ("โพนซาย"), two letters become one.
    if (letters[i] === 'ท' && letters[i + 1] === 'ร')
      for (const sound of 'ซส') out.push([...letters.slice(0, i), sound, ...letters.slice(i + 2)].join(''));
  }
  return [...out, ...aiVowelSwaps(letters), ...shortVowelAdded(letters)];
}

const CONSONANT = /^[ก-ฮ]$/u;

/** "จริยะธรรม" for "จริยธรรม": a short "a" (ะ) written between two consonants, where it is only said. */
function shortVowelAdded(letters: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < letters.length; i++)
    if (CONSONANT.test(letters[i - 1]!) && CONSONANT.test(letters[i]!))
      out.push([...letters.slice(0, i), 'ะ', ...letters.slice(i)].join(''));
  return out;
}

/**
 * The vowel "ai" written the other way: "-าย" after a syllable's first one or two consonants
 * as "ไ-"/"ใ-" before them ("โพนทราย" → "โพนไทร", "โพนไทย"), and "ไ-"/"ใ-" as "-าย".
 */
function aiVowelSwaps(letters: readonly string[]): string[] {
  const out: string[] = [];
  const at = (from: number, to?: number): string[] => letters.slice(from, to);
  for (let j = 1; j + 1 < letters.length; j++) {
    if (letters[j] !== 'า' || letters[j + 1] !== 'ย') continue;
    for (let k = j - 1; k >= Math.max(0, j - 2) && CONSONANT.test(letters[k]!); k--)
      for (const vowel of 'ไใ') out.push([...at(0, k), vowel, ...at(k, j), ...at(j + 2)].join(''));
  }
  for (let j = 0; j + 1 < letters.length; j++) {
    if (letters[j] !== 'ไ' && letters[j] !== 'ใ') continue;
    for (let n = 1; n <= 2 && CONSONANT.test(letters[j + n] ?? ''); n++)
      out.push([...at(0, j), ...at(j + 1, j + 1 + n), 'า', 'ย', ...at(j + 1 + n)].join(''));
  }
  return out;
}

/** True when the word is one of the documents' own long words, written as they write it ("ราชการ"), or as matching reads it. */
export function isDocumentWord(word: string): boolean {
  return known.has(word) || matched.has(word);
}

/** The text with each registered misspelling written as its word. */
export function repairTerms(text: string): string {
  if (variants.size === 0) return text;
  return text.replace(THAI_RUN, repairRun);
}

/**
 * A run with its misspellings written as words, kept only when the words then split more
 * cleanly (fewer pieces): a correct sentence that happens to hold a misspelling's letters
 * across two words ("จริยธรรมได้") splits worse when "repaired", a real typo splits better.
 */
function repairRun(run: string): string {
  const repaired = replaceVariants(run);
  return repaired !== run && tokens(repaired).length < tokens(run).length ? repaired : run;
}

function replaceVariants(run: string): string {
  let out = '';
  let i = 0;
  while (i < run.length) {
    const found = variantAt(run, i);
    if (found) {
      out += found.term;
      i += found.length;
    } else {
      out += run[i];
      i += 1;
    }
  }
  return out;
}

/** The longest misspelling starting at `i` that no real word there covers. */
function variantAt(run: string, i: number): { term: string; length: number } | null {
  if (!variantStarts.has(run.slice(i, i + MIN_VARIANT))) return null;
  for (let length = Math.min(MAX_TERM, run.length - i); length >= MIN_VARIANT; length--) {
    const term = variants.get(run.slice(i, i + length));
    if (term && !coveredByWord(run, i, length)) return { term, length };
  }
  return null;
}

/** True when a registered word written correctly overlaps the span ("ประกา" inside "ประกาศ"). */
function coveredByWord(run: string, at: number, length: number): boolean {
  for (let start = Math.max(0, at - MAX_TERM); start <= at + length - 1; start++) {
    for (let end = start + MIN_TERM; end <= Math.min(run.length, start + MAX_TERM); end++) {
      if (end > at && known.has(run.slice(start, end))) return true;
    }
  }
  return false;
}
