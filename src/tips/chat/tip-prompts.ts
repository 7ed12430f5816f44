import type { messagingApi } from '@line/bot-sdk';
import { tipButton } from './tip-buttons.js';
import { quickReplyOf, textMessage } from '../../flex/messages.js';
import { bangkokParts } from '../../thai/bangkok-time.js';
import { CHAT, LABEL } from '../tip-texts.js';
import type { Draft, Step } from './tip-draft.js';
import { ASK_LABEL, ASK_SAY } from './question-check.js';

type Message = messagingApi.Message;
type Item = messagingApi.QuickReplyItem;

/** Quick replies of plain words (each is also what the user may type) plus special actions. */
function choices(words: readonly string[], actions: Item[] = []): messagingApi.QuickReply {
  const { items } = quickReplyOf(words);
  return { items: [...actions, ...(items ?? [])] };
}

const action = (a: messagingApi.Action): Item => ({ type: 'action', action: a });

/** "YYYY-MM-DDTHH:mm" in Bangkok: the picker's upper bound (a tip is about the past). */
function pickerNow(now: Date): string {
  const p = bangkokParts(now);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/** The question a step asks, with its quick replies; `lead` texts go first (≤ 4). */
export function prompt(step: Step, draft: Draft, now: Date, lead: readonly string[] = []): Message[] {
  const leading = lead.map((t) => textMessage(t, null));
  return [...leading, question(step, draft, now)];
}

/**
 * A short acknowledgement in place of the step's question (an image taken): the same
 * quick replies, so the next photo or "เสร็จแล้ว" is one tap away, without the whole prompt again.
 */
export function acknowledge(
  step: Step,
  draft: Draft,
  now: Date,
  text: string,
  lead: readonly string[] = [],
): Message[] {
  return [...lead.map((t) => textMessage(t, null)), { ...question(step, draft, now), text } as Message];
}

function question(step: Step, draft: Draft, now: Date): Message {
  switch (step) {
    case 'what':
      return textMessage(
        draft.what ? CHAT.gotWhat : CHAT.askWhat,
        choices(draft.what ? [LABEL.doneTelling, LABEL.cancel] : [LABEL.cancel]),
      );
    case 'who':
      return textMessage(CHAT.askWho, choices([LABEL.skip, LABEL.cancel]));
    case 'when':
      return textMessage(
        CHAT.askWhen,
        choices(
          [LABEL.skip, LABEL.cancel],
          [
            action({
              type: 'datetimepicker',
              label: LABEL.pickTime,
              data: tipButton({ a: 'tip-when' }),
              mode: 'datetime',
              max: pickerNow(now),
            }),
          ],
        ),
      );
    case 'where':
      return textMessage(
        CHAT.askWhere,
        choices([LABEL.skip, LABEL.cancel], [action({ type: 'location', label: LABEL.sendLocation })]),
      );
    case 'evidence': {
      const words = draft.images.length > 0 ? [LABEL.doneImages, LABEL.cancel] : [LABEL.skip, LABEL.cancel];
      return textMessage(
        CHAT.askEvidence,
        choices(words, [
          action({ type: 'cameraRoll', label: LABEL.cameraRoll }),
          action({ type: 'camera', label: LABEL.camera }),
        ]),
      );
    }
    case 'identity':
      return textMessage(CHAT.askIdentity, choices([LABEL.anonymous, LABEL.notify, LABEL.cancel]));
    case 'confirm':
      return textMessage(`${summary(draft)}\n\n${CHAT.askConfirm}`, choices([LABEL.confirm, LABEL.cancel]));
    case 'add':
      return textMessage(
        CHAT.askAddition,
        choices([LABEL.confirm, LABEL.cancel], [action({ type: 'cameraRoll', label: LABEL.cameraRoll })]),
      );
    case 'receipt':
      return textMessage(CHAT.askReceipt, choices([LABEL.cancel]));
    case 'found':
    case 'expired':
      return textMessage(CHAT.stillInFlow, choices([LABEL.cancel]));
    case 'paused':
      return textMessage(ASK_SAY.paused, choices([ASK_LABEL.resume, LABEL.cancel]));
  }
}

const SUMMARY_WHAT_CHARS = 600;

/** The draft as the reporter will check it before sending. */
export function summary(draft: Draft): string {
  const what =
    draft.what.length > SUMMARY_WHAT_CHARS
      ? `${draft.what.slice(0, SUMMARY_WHAT_CHARS)}… (รวม ${draft.what.length.toLocaleString('en-US')} ตัวอักษร)`
      : draft.what;
  const or = (v: string | null) => v ?? '— (ข้าม)';
  return [
    'สรุปเรื่องที่จะแจ้ง',
    `เหตุการณ์: ${what}`,
    `ผู้เกี่ยวข้อง: ${or(draft.who)}`,
    `เมื่อไร: ${or(draft.when)}`,
    `ที่ไหน: ${or(draft.where)}`,
    `รูปหลักฐาน: ${draft.images.length} รูป`,
    `การติดตาม: ${draft.identity === 'confidential' ? 'รับแจ้งความคืบหน้า (เก็บบัญชี LINE แบบเข้ารหัส)' : 'ไม่ระบุตัวตน'}`,
  ].join('\n');
}
