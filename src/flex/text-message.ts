import type { messagingApi } from '@line/bot-sdk';
import { menuQuickReply, quickReplyOf, type QuickChoice } from './quick-reply.js';
import { LIMITS, truncate } from './template.js';

/**
 * A plain text message (≤ 5000 chars, longer text is cut with "…"). Quick replies: the standard
 * menu when omitted, the given choices (e.g. ['ข้าม', 'ยกเลิก']) or quick reply, or none with null.
 */
export function textMessage(
  text: string,
  quickReply?: readonly QuickChoice[] | messagingApi.QuickReply | null,
): messagingApi.TextMessage {
  if (!text.trim()) throw new Error('a LINE text message cannot be empty');
  const message: messagingApi.TextMessage = { type: 'text', text: truncate(text, LIMITS.text) };
  const qr =
    quickReply === undefined ? menuQuickReply() : Array.isArray(quickReply) ? quickReplyOf(quickReply) : quickReply;
  return qr ? { ...message, quickReply: qr as messagingApi.QuickReply } : message;
}
