import type { messagingApi } from '@line/bot-sdk';
import type { ButtonData } from '../bot/button-set.js';
import { browseButton } from './browse-buttons.js';
import { LIMITS, truncate } from './template.js';

/**
 * Quick replies: LINE shows only the last message's, at most 13 items, labels ≤ 20 chars.
 * A choice is either a text the user "says" (the router sees it as typed text) or a postback
 * whose displayText echoes the label in the chat, so the conversation stays readable.
 */
export type QuickChoice = string | { label: string; text: string } | { label: string; postback: ButtonData };

const MAX_ITEMS = 13;

const MENU: readonly QuickChoice[] = [
  { label: 'เมนู', postback: browseButton({ a: 'menu' }) },
  { label: 'ผล ITA', postback: browseButton({ a: 'ita' }) },
  { label: 'มาตรการ', postback: browseButton({ a: 'measures' }) },
  { label: 'ประกาศ', postback: browseButton({ a: 'announcement' }) },
  { label: 'แจ้งเบาะแส', text: 'แจ้งเบาะแส' },
  { label: 'สมัครรับข่าวสาร', text: 'สมัครรับข่าวสาร' },
  { label: 'วิธีใช้', postback: browseButton({ a: 'help' }) },
];

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Cut labels already worked out: word segmentation costs ~10 µs a label, and chips repeat (suggestions, titles). */
const cutLabels = new Map<string, string>();
const CUT_LABELS_MAX = 2_000;

/**
 * A chip's label within LINE's 20 characters: whole words from the start, never a word cut
 * with "…" (the chip says what the item is called, the text it sends says it in full). A
 * first word longer than the limit is cut between letters, still without "…".
 */
export function chipLabel(text: string): string {
  const max = LIMITS.quickReplyLabel;
  const whole = text.replace(/\s+/g, ' ').trim();
  if (whole.length <= max) return whole;
  let label = cutLabels.get(whole);
  if (label === undefined) {
    // Bounded whatever the content: a full cache starts again rather than growing.
    if (cutLabels.size >= CUT_LABELS_MAX) cutLabels.clear();
    label = cutAtWord(whole, max);
    cutLabels.set(whole, label);
  }
  return label;
}

function cutAtWord(whole: string, max: number): string {
  let out = '';
  for (const { segment } of words.segment(whole)) {
    if ((out + segment).trimEnd().length > max) break;
    out += segment;
  }
  out = out.trim();
  if (out) return out;
  for (const { segment } of graphemes.segment(whole)) {
    if (out.length + segment.length > max) break;
    out += segment;
  }
  return out;
}

function toItem(choice: QuickChoice): messagingApi.QuickReplyItem {
  if (typeof choice === 'string') return toItem({ label: choice, text: choice });
  const label = chipLabel(choice.label);
  const action: messagingApi.Action =
    'postback' in choice
      ? {
          type: 'postback',
          label,
          data: choice.postback,
          displayText: truncate(choice.label, LIMITS.displayText),
        }
      : { type: 'message', label, text: truncate(choice.text, LIMITS.messageText) };
  return { type: 'action', action };
}

/** Quick reply from choices, in order, without duplicate labels, at most 13. */
export function quickReplyOf(choices: readonly QuickChoice[]): messagingApi.QuickReply {
  const seen = new Set<string>();
  const items: messagingApi.QuickReplyItem[] = [];
  for (const choice of choices) {
    const item = toItem(choice);
    const label = item.action?.label ?? '';
    if (!label.trim() || seen.has(label) || items.length >= MAX_ITEMS) continue;
    seen.add(label);
    items.push(item);
  }
  return { items };
}

/** The standard set every reply ends with: เมนู, ผล ITA, มาตรการ, ประกาศ, แจ้งเบาะแส, สมัครรับข่าวสาร, วิธีใช้. */
export function menuQuickReply(): messagingApi.QuickReply {
  return quickReplyOf(MENU);
}

/** `extra` choices first, then as much of the standard menu as fits in 13. */
export function quickReplyWithMenu(extra: readonly QuickChoice[]): messagingApi.QuickReply {
  return quickReplyOf([...extra, ...MENU]);
}

/**
 * Puts `quickReply` on the last message only (LINE ignores the others') and checks the reply
 * holds 1–5 messages, LINE's limit for one reply.
 */
export function finishReply(
  messages: readonly messagingApi.Message[],
  quickReply: messagingApi.QuickReply | null = menuQuickReply(),
): messagingApi.Message[] {
  if (messages.length === 0 || messages.length > 5)
    throw new Error(`a reply holds 1-5 messages, not ${messages.length}`);
  return messages.map((message, i) => {
    const { quickReply: _dropped, ...rest } = message;
    return i === messages.length - 1 && quickReply ? { ...rest, quickReply } : rest;
  });
}
