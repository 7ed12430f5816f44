import type { QuestionStore } from '../content/question-log.js';
import { textMessage } from '../flex/messages.js';
import { FEEDBACK_BUTTONS } from '../flex/feedback-buttons.js';
import { postback, type Feature } from '../bot/feature.js';

/** What the bot says after a 👍/👎 (polite, short, one voice). */
export const FEEDBACK_SAY = {
  helpful: 'ขอบคุณที่บอกให้ทราบ ดีใจที่คำตอบตรงกับที่ท่านถาม',
  notHelpful: 'ขอบคุณที่บอกให้ทราบ เจ้าหน้าที่จะนำไปปรับปรุงคำตอบ ระหว่างนี้ลองถามด้วยคำอื่น หรือเลือกหัวข้อด้านล่างได้',
  unknown: 'ขอบคุณที่บอกให้ทราบ แต่คำถามนี้เก่าเกินกว่าจะให้คะแนนได้แล้ว ถามใหม่ได้เลย',
} as const;

/**
 * "Was this helpful?": the vote goes on the question's record in the question log (the
 * button names only the question's id, never who pressed it). One vote per question: a
 * second press replaces the first. A question gone from the log (past its retention) is
 * thanked all the same, and nothing is stored.
 */
export function feedbackFeature(deps: { questions: QuestionStore }): Feature {
  return {
    name: 'feedback',
    postbacks: {
      fb: postback(FEEDBACK_BUTTONS.fb, async (ctx, button) => {
        const helpful = button.v === '1';
        const known = await deps.questions.vote(button.q, helpful);
        ctx.outcome = known ? `feedback:${helpful ? 'up' : 'down'}` : 'feedback:unknown-question';
        ctx.reply(
          textMessage(!known ? FEEDBACK_SAY.unknown : helpful ? FEEDBACK_SAY.helpful : FEEDBACK_SAY.notHelpful),
        );
      }),
    },
  };
}
