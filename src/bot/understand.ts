import { normalize } from '../thai/normalize.js';
import type { SearchIndex, Hit } from '../content/search-index.js';
import {
  containsExactPhrase,
  containsPhrase,
  equalsPhrase,
  readUtterance,
  type Utterance,
} from '../content/matching/phrase-match.js';
import { findReceipt, isOnlyReceipt } from './receipt.js';
import { isTip } from '../content/matching/tip-intent.js';
import { asksFact, readQuestion, type QuestionShape } from '../content/answers/read-question.js';
import { asksSomething } from '../content/answers/question-frames.js';
import * as P from '../content/matching/intent-phrases.js';

/** What a resident's message asks for. */
export type Understanding =
  | { intent: 'greeting' }
  | { intent: 'thanks' }
  | { intent: 'menu' }
  | { intent: 'tip' }
  | { intent: 'subscribe' }
  | { intent: 'unsubscribe' }
  | { intent: 'status'; receipt: string | null }
  | { intent: 'latest' }
  | { intent: 'privacy' }
  | { intent: 'erase' }
  | { intent: 'ita' }
  | { intent: 'measures' }
  | { intent: 'announcement' }
  | { intent: 'search'; best: Hit | null; runnersUp: Hit[]; normalized: string; shape: QuestionShape };

type Simple = Exclude<Understanding, { intent: 'search' } | { intent: 'status' }>['intent'];

/** Small talk: the message says one of the words and nothing a search could use. */
function onlySaying(said: Utterance, words: readonly string[]): boolean {
  return said.content === '' && containsPhrase(said, words);
}

/** "สวัสดีปีใหม่ครับ", "happy new year": a greeting whose other words only name the occasion. */
function greetsOnOccasion(said: Utterance): boolean {
  if (!containsPhrase(said, P.GREETING_OPENERS)) return false;
  let rest = said.content;
  for (const words of [P.GREETING_OPENERS, P.OCCASIONS])
    for (const word of [...words].sort((a, b) => b.length - a.length)) rest = rest.split(word).join('');
  return rest === '';
}

/**
 * Rules checked in order; the first that holds names the intent. Account actions come first
 * (they must work inside any sentence, "ยกเลิกรับข่าวสาร" before "รับข่าวสาร"), then the
 * tip flow, then small talk and menu commands that only count as the whole message.
 */
const RULES: readonly [Simple, (m: Utterance) => boolean][] = [
  ['erase', (m) => containsPhrase(m, P.ERASE)],
  ['privacy', (m) => containsPhrase(m, P.PRIVACY)],
  [
    'unsubscribe',
    (m) =>
      equalsPhrase(m.compact, P.UNSUBSCRIBE_WHOLE) ||
      // "เลิกรับข่าวยังไง", "บ่อยากรับข่าว พิมพ์อีหยัง" ask how: the answer says how.
      ((containsPhrase(m, P.STOP_VERBS) || containsExactPhrase(m, P.REFUSALS)) &&
        containsPhrase(m, P.NEWS_WORDS) &&
        !containsPhrase(m, P.HOW_WHERE)),
  ],
  ['latest', (m) => containsPhrase(m, P.LATEST) || equalsPhrase(m.compact, P.LATEST_WHOLE)],
  // "สมัครรับข่าวยังไง" asks how; the answer says how (and offers the button).
  [
    'subscribe',
    (m) =>
      (containsPhrase(m, P.SUBSCRIBE) && !containsPhrase(m, P.HOW_WHERE)) || equalsPhrase(m.compact, P.SUBSCRIBE_WHOLE),
  ],
  ['tip', (m) => isTip(m)],
  ['thanks', (m) => onlySaying(m, P.THANKS_WORDS)],
  ['greeting', (m) => onlySaying(m, P.GREETING_WORDS) || greetsOnOccasion(m)],
  ['menu', (m) => equalsPhrase(m.compact, P.MENU_WHOLE) || containsPhrase(m, P.MENU)],
  // "ประกาศเรื่องอะไร" is "ประกาศ" once its asking words are gone, but it asks for a fact.
  ['ita', (m) => equalsPhrase(m.content, P.ITA_WHOLE) && !asksFact(m)],
  ['measures', (m) => equalsPhrase(m.content, P.MEASURES_WHOLE) && !asksFact(m)],
  ['announcement', (m) => equalsPhrase(m.content, P.ANNOUNCEMENT_WHOLE) && !asksFact(m)],
];

/** How much of a message is read to understand it. */
export const MAX_QUESTION_CHARS = 500;

/** Questions remembered per index; the oldest is forgotten first. */
const REMEMBERED = 500;
/** Only short messages are remembered: questions are short, and nothing else needs to stay in memory. */
const REMEMBERED_CHARS = 120;
const remembered = new WeakMap<SearchIndex, { version: number; byText: Map<string, Understanding> }>();

/**
 * Understands a resident's message: an intent recognised from its words (typos forgiven),
 * or else a search of the content with the confidence rule applied. Pure: the index is given.
 * A message other than a tip or a receipt means the same for everyone who types it, so its
 * understanding is kept (by the text, until the index changes) and handed out again: treat
 * it as read-only.
 */
export function understand(fullText: string, index: SearchIndex): Understanding {
  let cache = remembered.get(index);
  if (cache?.version !== index.version) remembered.set(index, (cache = { version: index.version, byText: new Map() }));
  const known = cache.byText.get(fullText);
  if (known) return known;
  const understanding = understandAfresh(fullText, index);
  // A tip's words and a receipt are never kept; questions, menu words and small talk are.
  if (understanding.intent !== 'tip' && understanding.intent !== 'status' && fullText.length <= REMEMBERED_CHARS) {
    if (cache.byText.size >= REMEMBERED) cache.byText.delete(cache.byText.keys().next().value!);
    cache.byText.set(fullText, understanding);
  }
  return understanding;
}

/** `tail`: the end of a longer message, read as its question (not split again). */
function understandAfresh(fullText: string, index: SearchIndex, tail = false): Understanding {
  // A question is a sentence or two; a pasted page would only cost time (and can be used to
  // slow the bot for everyone), so only its start is read.
  const text = fullText.length > MAX_QUESTION_CHARS ? fullText.slice(0, MAX_QUESTION_CHARS) : fullText;
  const message = readUtterance(text);
  // "จะติดตามเรื่องที่แจ้งไปยังไง" asks how to follow a tip up (answered with how); a receipt or the word alone asks now.
  const asksHow = containsPhrase(message, P.HOW_WHERE) && findReceipt(text) === null;
  const status = containsPhrase(message, P.STATUS) || containsExactPhrase(message, P.STATUS_EXACT);
  if ((status && !asksHow) || isOnlyReceipt(text)) {
    return { intent: 'status', receipt: findReceipt(text) };
  }
  for (const [intent, holds] of RULES) {
    if (holds(message)) return { intent };
  }
  // "วันนี้วันอะไร": no document says what day it is (not the announcement's date): nothing is searched or
  // asked of the facts, and the reply says nothing was found and offers topics.
  if (P.DAY_QUESTION.test(text))
    return { intent: 'search', best: null, runnersUp: [], normalized: normalize(text), shape: readQuestion('') };
  // Time words (ล่าสุด, ปี 67) choose the year, not the item: they are not searched for.
  const shape = readQuestion(text, message);
  let found = index.answer(shape.time.rest);
  // The year itself may be what matched ("ผลประเมิน ita ปีงบ 68"): the whole question is tried too.
  if (!found.best && shape.time.years.length > 0) found = index.answer(text);
  const { best, runnersUp } = found;
  const whole: Understanding = { intent: 'search', best, runnersUp, normalized: normalize(text), shape };
  return tail || best ? whole : (questionAtEnd(text, index, shape.kind !== null) ?? whole);
}

/** A told story is this long before its last sentence is read as the question. */
const STORY_CHARS = 60;
/** Sentences tried from the end (each one search): the cost per message stays bounded. */
const TAIL_PARTS = 3;

/**
 * "สวัสดีค่ะ ป้าเห็นประกาศ… ตัวหนังสือเล็ก… ป้าอยากรู้ว่าใครเป็นคนลงชื่อ": a resident tells
 * a story first and asks at the end; the story's words would pull the search to other items.
 * When the whole message finds no item, the shortest run of last sentences that names a field
 * or finds an item is the question (a story asking only "where do I report" keeps its words:
 * the problem it tells chooses the channel). Only searches are
 * read so: a tip or a wish to subscribe keeps its whole message.
 */
function questionAtEnd(text: string, index: SearchIndex, asks: boolean): Understanding | null {
  // A number stays with the words around it ("ข้อ 3 ของมาตรการ…", "ปีงบ ๒๕๖๘"): no sentence starts or ends with one.
  const parts = text.trim().split(/(?<![\d๐-๙])\s+(?![\d๐-๙])/u);
  if (text.length < STORY_CHARS || parts.length < 3) return null;
  for (let n = 1; n <= Math.min(TAIL_PARTS, parts.length - 1); n++) {
    const tail = understandAfresh(parts.slice(-n).join(' '), index, true);
    // A story that asks something is asked in the sentences holding its asking words ("หน่วยไหน…").
    const asked = !asks || tail.intent !== 'search' || asksSomething(tail.shape);
    if (tail.intent === 'search' && asked && tail.shape.subject !== '' && (tail.best || tail.shape.fields.length > 0))
      return tail;
  }
  return null;
}
