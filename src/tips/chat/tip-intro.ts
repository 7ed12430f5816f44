import type { messagingApi } from '@line/bot-sdk';
import { tipButton } from './tip-buttons.js';
import { fillBubble, fragment } from '../../flex/catalog.js';
import { bubbleMessage } from '../../flex/flex-message.js';
import type { TipRules } from '../deadlines.js';
import { CHAT, EXTERNAL_CHANNELS, EXTERNAL_CHANNELS_LINE, howItWorks, TRAFFY } from '../tip-texts.js';

/**
 * The tip channel's opening in chat: three short lines a resident reads before question 1
 * (who reads it, anonymous or not, the receipt) and a button for the long explanation. The
 * outside channels for tips about the executives are named under them (call buttons behind
 * the details button), before anything is asked; the web form is a real link when the bot's public address is known.
 */
export const INTRO = {
  lines: [
    'อ่านได้เฉพาะเจ้าหน้าที่ที่เทศบาลมอบหมาย ทุกครั้งที่เปิดอ่านถูกบันทึก',
    'เลือกได้ว่าจะไม่ระบุตัวตน',
    'ส่งแล้วได้เลขรับเรื่อง 16 หลัก ไว้ติดตามสถานะ',
  ],
  detailsLabel: 'รายละเอียดและสายด่วน',
  detailsSaid: 'ขอรายละเอียดการแจ้งเบาะแส',
  webLabel: 'แจ้งทางเว็บแทน',
  detailsTitle: 'รายละเอียดการแจ้งเบาะแส',
  /** Under the three lines: tips about the executives can go outside before question 1. */
  outside: 'เรื่องของผู้บริหารเทศบาล แจ้งภายนอกได้ที่',
} as const;

/** The web form's address, or null when the bot's public address is not configured. */
export function tipFormUrl(base: string | null): string | null {
  return base ? `${base}/tip` : null;
}

const webButton = (base: string | null) => {
  const uri = tipFormUrl(base);
  return uri ? fragment('button-uri', { label: INTRO.webLabel, uri }) : [];
};

/** The opening card: three lines, the details button, the web form's link. */
export function introMessage(base: string | null): messagingApi.FlexMessage {
  const bubble = fillBubble('tip-intro', {
    title: CHAT.title,
    lines: INTRO.lines.flatMap((text, i) => fragment('list-item', { marker: `${i + 1}.`, text })),
    outside: `${INTRO.outside}: ${EXTERNAL_CHANNELS_LINE}`,
    actions: [
      ...fragment('button-primary', {
        label: INTRO.detailsLabel,
        data: tipButton({ a: 'tip-info' }),
        displayText: INTRO.detailsSaid,
      }),
      ...webButton(base),
    ],
  });
  return bubbleMessage(`${CHAT.title}: ${INTRO.lines.join(' ')}`, bubble);
}

/** The long explanation: who sees it, deadlines, retention, what LINE sees, outside channels, Traffy Fondue. */
export function detailsMessage(rules: TipRules, base: string | null): messagingApi.FlexMessage {
  const bubble = fillBubble('tip-details', {
    title: INTRO.detailsTitle,
    content: [
      ...howItWorks(rules, 'line').flatMap((text) => fragment('list-item', { marker: '•', text })),
      ...fragment('heading', { text: CHAT.externalIntro }),
      ...EXTERNAL_CHANNELS.flatMap((c) => fragment('list-item', { marker: c.phone, text: c.name })),
      ...fragment('paragraph', { text: TRAFFY }),
      ...fragment('paragraph', { text: CHAT.cancelHint }),
    ],
    actions: [
      ...EXTERNAL_CHANNELS.flatMap((c) =>
        fragment('button-uri', { label: `โทร ${c.phone} (${shortName(c.name)})`, uri: `tel:${c.phone}` }),
      ),
      ...webButton(base),
    ],
  });
  return bubbleMessage(INTRO.detailsTitle, bubble);
}

/** "สายด่วน ป.ป.ช. (…)" → "ป.ป.ช.": a call button names the office it calls. */
const shortName = (name: string) => name.replace(/^สายด่วน\s*/, '').replace(/\s*\(.*\)$/, '');
