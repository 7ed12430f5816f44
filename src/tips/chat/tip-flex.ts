import type { messagingApi } from '@line/bot-sdk';
import { fillBubble, fragment } from '../../flex/catalog.js';
import { bubbleMessage } from '../../flex/flex-message.js';
import { quickReplyWithMenu, textMessage } from '../../flex/messages.js';
import { formatDateThai } from '../../thai/date.js';
import { formatReceipt } from '../receipt-code.js';
import type { PublicTipView } from '../tip-filing.js';
import { CHAT, EXTERNAL_CHANNELS, LABEL } from '../tip-texts.js';

/** Notes shown in a status bubble (newest last); older ones are summarised by count. */
const MAX_NOTES = 5;
const RECEIPT_THANKS = 'ขอบคุณที่ช่วยให้เทศบาลโปร่งใส';
const NOTE_CHARS = 1000;

/**
 * The receipt: a card with the number, why to keep it and the outside channels (with call
 * buttons), then the number alone as text, so it can be copied with a long press.
 */
export function receiptMessages(receipt: string): messagingApi.Message[] {
  const shown = formatReceipt(receipt);
  const bubble = fillBubble('tip-receipt', {
    // The header already says ได้รับเรื่องแล้ว: the line under it only thanks
    thanks: RECEIPT_THANKS,
    receipt: shown,
    keep: CHAT.keepReceipt,
    howToFollow: 'ติดตามสถานะหรือเพิ่มข้อมูล: พิมพ์ “สถานะ” ตามด้วยเลขนี้',
    externalIntro: CHAT.externalIntro,
    channels: EXTERNAL_CHANNELS.flatMap((c) => fragment('list-item', { marker: c.phone, text: c.name })),
    calls: EXTERNAL_CHANNELS.flatMap((c) => fragment('button-uri', { label: `โทร ${c.phone}`, uri: `tel:${c.phone}` })),
  });
  // The notification preview names no number: someone may be looking at the lock screen.
  // The number alone comes last, as plain text, so a long press copies just the number.
  return [bubbleMessage('ได้รับเรื่องแล้ว เก็บเลขรับเรื่องไว้ให้ดี', bubble), textMessage(shown)];
}

/** A tip's status as its reporter may see it: status, dates, public notes and the outcome. */
export function statusMessages(view: PublicTipView): messagingApi.Message[] {
  const notes = view.notes.slice(-MAX_NOTES);
  const older = view.notes.length - notes.length;
  const bubble = fillBubble('tip-status', {
    statusName: view.statusName,
    received: `รับเรื่องเมื่อ ${formatDateThai(view.receivedAt)}`,
    updated: `อัปเดตล่าสุด ${formatDateThai(view.lastUpdateAt)}`,
    notes: [
      ...(view.outcome
        ? [...fragment('heading', { text: 'ผลการพิจารณา' }), ...fragment('paragraph', { text: clip(view.outcome) })]
        : []),
      ...(notes.length > 0 ? fragment('heading', { text: 'ข้อความจากเจ้าหน้าที่' }) : []),
      ...(older > 0 ? fragment('paragraph', { text: `(ข้อความก่อนหน้าอีก ${older} รายการ)` }) : []),
      ...notes.flatMap((n) => fragment('paragraph', { text: `${formatDateThai(n.at, 'short')}: ${clip(n.text)}` })),
    ],
  });
  const choices = view.status === 'closed' ? [LABEL.startTip] : [LABEL.addInfo];
  return [{ ...bubbleMessage(`สถานะเรื่องที่แจ้ง: ${view.statusName}`, bubble), quickReply: quickReplyWithMenu(choices) }];
}

const clip = (text: string) => (text.length > NOTE_CHARS ? `${text.slice(0, NOTE_CHARS)}…` : text);
