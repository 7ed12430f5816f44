import type { messagingApi } from '@line/bot-sdk';
import { fillBubble, fragment } from '../../flex/catalog.js';
import { bubbleMessage } from '../../flex/flex-message.js';
import { finishReply, quickReplyWithMenu, textMessage, type QuickChoice } from '../../flex/messages.js';
import { subscriptionButton } from './subscription-buttons.js';
import type { FlexComponent } from '../../flex/template.js';
import { topics } from '../topic-catalog.js';

/** Quick replies after a change to subscriptions: the way back, then the usual menu. */
export const SUBSCRIPTION_CHOICES: readonly QuickChoice[] = [
  { label: 'เลือกหัวข้อข่าว', postback: subscriptionButton({ a: 'topics' }) },
  { label: 'ข่าวล่าสุด', text: 'ข่าวล่าสุด' },
];

/**
 * The settings card: every topic with whether the friend receives it and a button that sets
 * it (the button carries the wanted state, so a double tap or an old card cannot flip it back).
 */
export function topicSettingsMessage(chosen: readonly string[]): messagingApi.FlexMessage {
  const rows: FlexComponent[] = topics().flatMap((t) => {
    const on = chosen.includes(t.id);
    return [
      ...fragment(on ? 'topic-row' : 'topic-row-off', {
        name: t.name,
        state: on ? '✅ รับอยู่' : '⬜ ไม่ได้รับ',
        description: t.description,
      }),
      ...fragment(on ? 'button-secondary' : 'button-primary', {
        label: on ? 'หยุดรับหัวข้อนี้' : 'รับหัวข้อนี้',
        data: subscriptionButton({ a: 'topic', id: t.id, on: on ? '0' : '1' }),
        displayText: `${on ? 'หยุดรับ' : 'รับ'}ข่าวหัวข้อ ${t.name}`,
      }),
    ];
  });
  const count = topics().filter((t) => chosen.includes(t.id)).length;
  const summary =
    count === 0
      ? 'ตอนนี้ท่านไม่ได้รับข่าวสารหัวข้อใด'
      : count === topics().length
        ? 'ตอนนี้ท่านรับข่าวสารทุกหัวข้อ'
        : `ตอนนี้ท่านรับ ${count} จาก ${topics().length} หัวข้อ`;
  const actions = [
    ...(count < topics().length
      ? fragment('button-primary', {
          label: 'รับทุกหัวข้อ',
          data: subscriptionButton({ a: 'topics-all', on: '1' }),
          displayText: 'รับข่าวสารทุกหัวข้อ',
        })
      : []),
    ...(count > 0
      ? fragment('button-secondary', {
          label: 'หยุดรับทั้งหมด',
          data: subscriptionButton({ a: 'topics-all', on: '0' }),
          displayText: 'หยุดรับข่าวสารทั้งหมด',
        })
      : []),
  ];
  const bubble = fillBubble('topic-settings', { summary, topics: rows, actions });
  return bubbleMessage(`หัวข้อข่าวสารที่ท่านรับ: ${summary}`, bubble);
}

/** A sentence, then the settings card, with the subscription quick replies. */
export function settingsReply(sentence: string, chosen: readonly string[]): messagingApi.Message[] {
  return finishReply(
    [textMessage(sentence, null), topicSettingsMessage(chosen)],
    quickReplyWithMenu(SUBSCRIPTION_CHOICES),
  );
}

/** Topic names as Thai prose: "ประกาศ และจัดซื้อจัดจ้าง". */
export function topicList(ids: readonly string[]): string {
  const names = topics()
    .filter((t) => ids.includes(t.id))
    .map((t) => `“${t.name}”`);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(' ')} และ${names.at(-1)}`;
}
