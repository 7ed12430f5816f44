import type { messagingApi } from '@line/bot-sdk';
import { fillBubble, fragment } from './catalog.js';
import { feedbackRow } from './feedback.js';
import { bubbleMessage } from './flex-message.js';
import { truncate, type FlexComponent } from './template.js';

/**
 * The answer bubble: the fact first (its header's first text), the municipality by its
 * report name, the official wording quoted, where it stands, the buttons, and 👍/👎.
 */
export interface AnswerView {
  headline: string;
  /** Quoted wording or a list, as Flex components (paragraph and list-item fragments). */
  content: FlexComponent[];
  source: string;
  place: string;
  actions: FlexComponent[];
}

/** Long enough for a whole clause or table cell: the fact is stated whole, not cut before its point. */
const HEADLINE_CHARS = 480;
/** The longest quote shown in the bubble; the button opens the whole item. */
export const QUOTE_CHARS = 1200;

/** The bubble without 👍/👎 (shared and cached; `withFeedback` adds the question's own row to a copy). */
export function answerBubbleMessage(view: AnswerView, agency: string): messagingApi.FlexMessage {
  const headline = truncate(view.headline, HEADLINE_CHARS);
  const bubble = fillBubble('fact-answer', {
    headline,
    agency,
    content: view.content,
    source: view.source,
    place: view.place,
    actions: view.actions,
  });
  return bubbleMessage(headline, bubble);
}

/** Official wording, verbatim, in quotation marks (shortened with "…" past QUOTE_CHARS). */
export function quoted(text: string): FlexComponent[] {
  return fragment('paragraph', { text: `“${truncate(text.replace(/\s+/g, ' ').trim(), QUOTE_CHARS)}”` });
}

/**
 * A copy of a reply with 👍/👎 at the foot of its first bubble. Cached replies are shared
 * between residents, so the question's own row is added to a copy, never to the cache.
 */
export function withFeedback(messages: readonly messagingApi.Message[], questionId: string): messagingApi.Message[] {
  const [first, ...rest] = messages;
  if (first?.type !== 'flex') return [...messages];
  const contents = first.contents;
  const bubble = contents.type === 'carousel' ? contents.contents[0] : contents;
  if (!bubble) return [...messages];
  const footer: messagingApi.FlexBox = bubble.footer
    ? { ...bubble.footer, contents: [...bubble.footer.contents, feedbackRow(questionId)] }
    : { type: 'box', layout: 'vertical', contents: [feedbackRow(questionId)] };
  const marked = { ...bubble, footer };
  const container: messagingApi.FlexContainer =
    contents.type === 'carousel' ? { ...contents, contents: [marked, ...contents.contents.slice(1)] } : marked;
  return [{ ...first, contents: container }, ...rest];
}
