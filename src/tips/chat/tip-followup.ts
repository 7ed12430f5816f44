import type { BotContext } from '../../bot/context.js';
import type { ConversationState } from '../../bot/conversation.js';
import { findReceipt } from '../../bot/receipt.js';
import { textMessage } from '../../flex/messages.js';
import type { ActiveRoute } from '../../bot/feature.js';
import { CHAT, LABEL } from '../tip-texts.js';
import { endConversation, type TipChatDeps } from './tip-chat-deps.js';
import { commandOf } from './tip-commands.js';
import { draftState, emptyDraft, TIP_FLOW, type Draft } from './tip-draft.js';
import { statusMessages } from './tip-flex.js';
import { prompt } from './tip-prompts.js';

/** Waiting for a receipt: nothing in it but the step, so nothing to seal. */
function receiptState(now: Date): ConversationState {
  return { v: 1, flow: TIP_FLOW, step: 'receipt', draft: {}, updatedAt: now.toISOString() };
}

/** `สถานะ` without a receipt: ask for it, and take the next message as the receipt (never as a question to log). */
export function askForReceipt(ctx: BotContext): void {
  ctx.setState(receiptState(ctx.now));
  ctx.reply(textMessage(CHAT.askReceipt, [LABEL.cancel]));
}

/**
 * A receipt lookup: rate-limited per user (never overall: see README), one slow hash, and the same answer
 * for a wrong and an unknown receipt. A found open tip leaves a short-lived "found" state
 * (its id sealed) so `เพิ่มข้อมูล` knows which tip to add to.
 */
export async function lookUp(deps: TipChatDeps, ctx: BotContext, receipt: string): Promise<void> {
  ctx.intent = 'status';
  if (!(await deps.lookups.take(`line:${ctx.userId}`))) {
    ctx.outcome = 'refused:rate-limited';
    ctx.reply(textMessage(CHAT.tooManyLookups));
    return;
  }
  const tip = await deps.filing.find(receipt);
  if (!tip) {
    ctx.outcome = 'tip:unknown-receipt';
    ctx.setState(receiptState(ctx.now));
    ctx.reply(textMessage(`${CHAT.notFound}\n${CHAT.askReceipt}`, [LABEL.cancel]));
    return;
  }
  ctx.outcome = 'tip:status';
  ctx.replyEssential(...statusMessages(deps.filing.publicView(tip)));
  if (tip.status === 'closed') await endConversation(deps, ctx, null);
  else ctx.setState(draftState(deps.key, 'found', { ...emptyDraft(), tipId: tip.id }, ctx.now));
}

/** The "receipt" and "found" steps; false hands the event to the normal handlers. */
export async function followUp(
  deps: TipChatDeps,
  ctx: BotContext,
  route: ActiveRoute,
  step: 'receipt' | 'found',
  draft: Draft | null,
): Promise<boolean> {
  const text = route.to === 'text' ? route.text : null;
  if (step === 'receipt') {
    if (text === null) {
      ctx.setState(null);
      return false;
    }
    const receipt = findReceipt(text);
    if (receipt) await lookUp(deps, ctx, receipt);
    else if (commandOf(text) === 'cancel') {
      ctx.setState(null);
      ctx.reply(textMessage('ยกเลิกแล้ว'));
    } else if (!/[0-9๐-๙]/.test(text)) {
      // Not a receipt attempt: leave the step and let the message be handled as usual.
      ctx.setState(null);
      return false;
    } else {
      ctx.outcome = 'tip:receipt-format';
      ctx.setState(receiptState(ctx.now));
      ctx.reply(textMessage(CHAT.receiptFormat, [LABEL.cancel]));
    }
    return true;
  }
  if (text !== null && commandOf(text) === 'addInfo' && draft?.tipId) {
    ctx.setState(draftState(deps.key, 'add', draft, ctx.now));
    ctx.reply(...prompt('add', draft, ctx.now));
    return true;
  }
  await endConversation(deps, ctx, draft);
  return false;
}
