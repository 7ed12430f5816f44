import type { messagingApi } from '@line/bot-sdk';
import { feedbackButton } from './feedback-buttons.js';

/** The two answers a resident can give; labels short enough for a narrow bubble. */
const CHOICES = [
  { v: '1', label: '👍 ตรงคำถาม', displayText: '👍 คำตอบนี้ตรงคำถาม' },
  { v: '0', label: '👎 ไม่ตรง', displayText: '👎 คำตอบนี้ไม่ตรงคำถาม' },
] as const;

/**
 * "Was this helpful?" row for the foot of an answer bubble. The postback names only the
 * question's id in the question log (never the user), so a vote can be tied to what was asked
 * and what was answered without knowing who voted.
 */
export function feedbackRow(questionId: string): messagingApi.FlexBox {
  return {
    type: 'box',
    layout: 'horizontal',
    spacing: 'sm',
    contents: CHOICES.map((choice): messagingApi.FlexButton => ({
      type: 'button',
      style: 'secondary',
      height: 'sm',
      flex: 1,
      action: {
        type: 'postback',
        label: choice.label,
        data: feedbackButton({ a: 'fb', q: questionId, v: choice.v }),
        displayText: choice.displayText,
      },
    })),
  };
}
