import {
  containsExactPhrase,
  containsNearPhrase,
  equalsPhrase,
  phrases,
  type Utterance,
} from '../matching/phrase-match.js';
import { isDocumentWord } from '../../thai/term-repair.js';
import { codePoints } from '../matching/typo-match.js';
import { KIND_PHRASES, type Field, type QuestionKind } from './question-kinds.js';
import type { Threshold } from './question-words.js';

/**
 * The kind of question; words as written count before a typo's near-match, since asking words
 * are short and near each other ("เพื่ออะไร" is one letter from "ชื่ออะไร").
 */
export function kindOf(said: Utterance): QuestionKind | null {
  const exact = KIND_PHRASES.find(([, words]) => containsExactPhrase(said, words))?.[0];
  const whatIs = exact ?? (WHAT_IS.test(said.compact) ? 'abbrev' : WHICH_OFFICE.test(said.compact) ? 'who' : undefined);
  const kind = whatIs ?? KIND_PHRASES.find(([, words]) => containsTypoOf(said, words))?.[0] ?? null;
  if ((kind === null || kind === 'yesno' || kind === 'abbrev') && asksWhichOnes(said.tokens)) return 'list';
  // "what does measure 3 do": what is done, how.
  return kind === 'abbrev' && said.tokens[0] === 'what' && said.tokens.at(-1) === 'do' ? 'how' : kind;
}

/**
 * Near-matches of a phrase list, but not in the documents' own words written as they write
 * them that are one typo from a phrase ("ราชการ" is no misspelt "รายการ": "ข้อมูลข่าวสารของ
 * ราชการ" asks no list). Such a word is blanked out, not removed, so its neighbours do not meet.
 */
export function containsTypoOf(said: Utterance, list: readonly string[]): boolean {
  const lookalike = (t: string): boolean => (isDocumentWord(t) && equalsPhrase(t, list)) || askingWordOutside(t, list);
  if (!said.tokens.some(lookalike)) return containsNearPhrase(said, list);
  const compact = said.tokens.map((t) => (lookalike(t) ? ' '.repeat(t.length) : t)).join('');
  return containsNearPhrase({ ...said, compact, compactCodes: codePoints(compact) }, list);
}

/** Asking words as written (ชื่อ, ใคร, อะไร), in matching form. */
const ASKING_WORDS: ReadonlySet<string> = new Set(KIND_PHRASES.flatMap(([, words]) => words));
/** Per list, the asking words none of its phrases holds (a few dozen lists, a few words each). */
const outsideKept = new WeakMap<readonly string[], Map<string, boolean>>();

/**
 * "ชื่อประกาศ" is no misspelt "ออกประกาศ": an asking word written as such is never the start of
 * another phrase misspelt, unless that phrase holds it ("เรืองอะไร" is still "เรื่องอะไร").
 */
function askingWordOutside(token: string, list: readonly string[]): boolean {
  if (!ASKING_WORDS.has(token)) return false;
  let kept = outsideKept.get(list);
  if (!kept) outsideKept.set(list, (kept = new Map<string, boolean>()));
  let outside = kept.get(token);
  if (outside === undefined) kept.set(token, (outside = !list.some((p) => p.includes(token))));
  return outside;
}

/**
 * "หน่วยไหนเป็นคนทำ", "ส่วนราชการไหนต้องทำคู่มือ", "กองใด": which office, asked as written (one
 * letter from "ส่วนราชการใน", a typo match would read a question in a plain phrase).
 */
const WHICH_OFFICE = /(?:ส่วนราชการ|หน่วย|กอง|ฝ่าย|สำนัก)(?:ไหน|ใด)/u;

/**
 * "ป.ป.ท. คือหน่วยงานอะไร", "ITA เป็นการประเมินอะไร": what something is, with the kind of thing
 * between คือ/เป็น and อะไร, asks what it is, as "คืออะไร" does.
 */
const WHAT_IS =
  /(?:คือ|เป็น)(?:หน่วยงาน|องค์กร|องค์การ|สำนักงาน|ศูนย์|คณะกรรมการ|กรม|การประเมิน|ตัวย่อ|คำย่อ|โครงการ)(?:ของ)?(?:อะไร|ไหน|ใด)/u;

/** English words after "what"/"which" that are no plural noun ("what does", "which is"). */
const NOT_PLURAL: ReadonlySet<string> = new Set([
  'is',
  'was',
  'has',
  'does',
  'this',
  'its',
  'us',
  'yes',
  'news',
  'status',
]);

/** "what measures does the town have", "which sections are there": what or which before a plural noun asks for a list. */
function asksWhichOnes(tokens: readonly string[]): boolean {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i] !== 'what' && tokens[i] !== 'which') continue;
    const next = tokens[i + 1]!;
    if (next.length > 3 && next.endsWith('s') && !NOT_PLURAL.has(next)) return true;
  }
  return false;
}

/** กี่ before a counting word the lists do not name ("กี่ประเด็น") counts; before an amount or a time ("กี่บาท", "กี่ปี") it asks how much. */
const AMOUNT_WORDS = phrases([
  'คะแนน',
  'บาท',
  'เปอร์เซ็นต์',
  'เปอร์เซนต์',
  'ครั้ง',
  'เดือน',
  'วัน',
  'ปี',
  'โมง',
  'นาที',
  'ชั่วโมง',
  'สตางค์',
  'ล้าน',
  'พัน',
  'หมื่น',
  'แสน',
  'ร้อย',
  'เท่า',
  'แต้ม',
]);
const COUNTED = new RegExp(`${phrases(['กี่'])[0]}(?!${AMOUNT_WORDS.join('|')})[ก-ฮ]`, 'u');

function countOrAmount(kind: QuestionKind | null, compact: string): QuestionKind | null {
  return kind === 'howmuch' && COUNTED.test(compact) ? 'count' : kind;
}

/**
 * The kind, with what the words around the asking phrase say: a number compared with makes a
 * yes/no question ("is the score above 90"), "how many points" asks an amount, not a count.
 */
export function kindFor(said: Utterance, fields: readonly Field[], threshold: Threshold | null): QuestionKind | null {
  const kind = countOrAmount(kindOf(said), said.compact);
  if (kind === null && threshold) return 'yesno';
  if (kind === 'count' && fields.some((f) => f === 'score' || f === 'budget')) return 'howmuch';
  return kind;
}
