import type { messagingApi } from '@line/bot-sdk';
import { subscriptionButton } from './subscription-buttons.js';
import { fillBubble, fragment } from '../../flex/catalog.js';
import { bubbleMessage } from '../../flex/flex-message.js';
import { finishReply, quickReplyWithMenu } from '../../flex/messages.js';
import type { FlexComponent } from '../../flex/template.js';
import { SUBSCRIPTION_CHOICES } from './subscription-messages.js';
import { SUBSCRIPTION_SAY } from '../wording.js';

/** How long the record of a friend who blocked the account is kept (so a re-follow restores their topics). */
export const BLOCKED_RETENTION_DAYS = 365;
/** How long the erase button stays valid, in minutes. */
export const ERASE_CONFIRM_MINUTES = 10;

/**
 * What the bot keeps about a friend, why and for how long (Thailand's PDPA, B.E. 2562,
 * sections 19, 23 and 30-33). Each line must stay true of the code: see README "What is stored".
 */
const NOTICE: ReadonlyArray<{ heading: string; items: readonly string[] }> = [
  {
    heading: 'บอทเก็บอะไรบ้าง',
    items: [
      'รหัสผู้ใช้ LINE ของท่าน (ไม่ใช่ชื่อหรือรูปโปรไฟล์) วันที่เริ่มเป็นเพื่อน สถานะการเป็นเพื่อน และหัวข้อข่าวที่ท่านเลือก เข้ารหัสไว้ทั้งหมด',
      'ขั้นตอนสนทนาที่ยังไม่จบ เช่น กำลังกรอกแจ้งเบาะแส เข้ารหัสไว้ และลบเมื่อจบขั้นตอน',
      'ข้อความที่ท่านส่งมา เข้ารหัสเก็บไว้ชั่วคราวจนบอทตอบเสร็จเท่านั้น',
      'คำถามที่พิมพ์ถาม เก็บเพื่อปรับปรุงคำตอบและทำสถิติ โดยไม่ผูกกับตัวท่าน',
      'ระหว่างส่งข่าว รายชื่อผู้รับเก็บเป็นรหัสแฝง และลบทันทีเมื่อส่งเสร็จ',
    ],
  },
  {
    heading: 'เก็บไว้เพื่ออะไร',
    items: ['เพื่อส่งข่าวตามหัวข้อที่ท่านเลือก ตอบคำถามของท่าน และทำสถิติการให้บริการของเทศบาล ไม่ขายหรือส่งต่อให้ผู้อื่น'],
  },
  {
    heading: 'เก็บไว้นานเท่าไร',
    items: [
      'ตลอดเวลาที่ท่านเป็นเพื่อนกับบัญชีนี้',
      `หากท่านบล็อกบัญชี จะเก็บไว้ ${BLOCKED_RETENTION_DAYS} วัน เพื่อให้กลับมาแล้วได้หัวข้อเดิม จากนั้นลบทิ้ง`,
      'ลบได้ทุกเมื่อ โดยพิมพ์ “ลบข้อมูลของฉัน”',
    ],
  },
  {
    heading: 'สิทธิของท่าน',
    items: ['ท่านขอดู แก้ไข หรือลบข้อมูล และเลิกรับข่าวสารได้ทุกเมื่อ เปลี่ยนหัวข้อข่าวได้จากปุ่มด้านล่าง'],
  },
];

export function privacyMessages(agencyName: string): messagingApi.Message[] {
  const content: FlexComponent[] = NOTICE.flatMap((part) => [
    ...fragment('heading', { text: part.heading }),
    ...part.items.flatMap((text) => fragment('list-item', { marker: '•', text })),
  ]);
  content.push(...fragment('paragraph', { text: `สอบถามเรื่องข้อมูลส่วนบุคคลเพิ่มเติมได้ที่${agencyName}` }));
  const actions = [
    ...fragment('button-primary', {
      label: 'เลือกหัวข้อข่าว',
      data: subscriptionButton({ a: 'topics' }),
      displayText: 'เลือกหัวข้อข่าว',
    }),
    ...fragment('button-message', { label: 'ลบข้อมูลของฉัน', text: 'ลบข้อมูลของฉัน' }),
  ];
  const bubble = fillBubble('privacy', { subtitle: 'ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562', content, actions });
  return finishReply(
    [bubbleMessage('ข้อมูลส่วนบุคคลที่บอทเก็บ เก็บเพื่ออะไร และเก็บนานเท่าไร', bubble)],
    quickReplyWithMenu(SUBSCRIPTION_CHOICES),
  );
}

/** The question before erasing, with buttons that expire after ERASE_CONFIRM_MINUTES. */
export function eraseConfirmMessages(now: Date): messagingApi.Message[] {
  const t = Math.floor(now.getTime() / 60_000);
  const actions = [
    ...fragment('button-primary', {
      label: 'ยืนยัน ลบข้อมูลของฉัน',
      data: subscriptionButton({ a: 'erase', ok: '1', t }),
      displayText: 'ยืนยันลบข้อมูลของฉัน',
    }),
    ...fragment('button-secondary', {
      label: 'ไม่ลบ',
      data: subscriptionButton({ a: 'erase', ok: '0', t }),
      displayText: 'ไม่ลบข้อมูล',
    }),
  ];
  const bubble = fillBubble('erase-confirm', {
    erased: SUBSCRIPTION_SAY.eraseErased,
    kept: SUBSCRIPTION_SAY.eraseKept,
    actions,
  });
  return finishReply([bubbleMessage(SUBSCRIPTION_SAY.eraseAsk, bubble)], null);
}

/** True while an erase button issued at minute `t` may still be used. */
export function eraseButtonValid(t: number, now: Date): boolean {
  const minutes = Math.floor(now.getTime() / 60_000) - t;
  return minutes >= 0 && minutes <= ERASE_CONFIRM_MINUTES;
}
