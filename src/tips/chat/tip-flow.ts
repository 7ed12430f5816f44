import type { BotContext } from '../../bot/context.js';
import { textMessage } from '../../flex/messages.js';
import {
  postback,
  type ActiveRoute,
  type Flow,
  type IntentHandlers,
  type PostbackDefinition,
} from '../../bot/feature.js';
import { TIP_BUTTONS } from './tip-buttons.js';
import { TIP_LIMITS } from '../tip-model.js';
import { CHAT, EXTERNAL_CHANNELS_LINE, LABEL, TRAFFY } from '../tip-texts.js';
import { endConversation, type TipChatDeps } from './tip-chat-deps.js';
import { commandOf } from './tip-commands.js';
import { draftState, emptyDraft, isIdle, openDraft, stepOf, TIP_FLOW, type Draft, type Step } from './tip-draft.js';
import { receiptMessages } from './tip-flex.js';
import { detailsMessage, introMessage } from './tip-intro.js';
import { askForReceipt, followUp, lookUp } from './tip-followup.js';
import { acknowledge, prompt } from './tip-prompts.js';
import { appendToStory, draftStep, type DraftStep, type Next } from './tip-steps.js';
import { ASK_SAY, readsAsQuestion } from './question-check.js';
import { askWhich, pauseAndAnswer, pausedTurn, questionTurn, resume, STORY_START_CHARS } from './tip-questions.js';

/**
 * The tip channel in chat: `แจ้งเบาะแส` says in three lines what will happen (the rest behind
 * a details button) and asks what happened,
 * then who, when, where, evidence and whether to be told of progress; a summary, `ยืนยัน`,
 * and the receipt. `ยกเลิก` at any step deletes the draft; a draft idle for 30 minutes is
 * gone and the next message says so. `สถานะ` + receipt shows the status and lets the
 * reporter add information.
 */
export function createTipChat(deps: TipChatDeps): {
  flow: Flow;
  intents: IntentHandlers;
  postbacks: Record<keyof typeof TIP_BUTTONS, PostbackDefinition>;
} {
  return {
    flow: { handle: (ctx, route) => handleFlow(deps, ctx, route) },
    intents: {
      tip: async (ctx, _understanding, text) => start(deps, ctx, text.trim()),
      status: async (ctx, understanding) =>
        understanding.receipt ? lookUp(deps, ctx, understanding.receipt) : askForReceipt(ctx),
    },
    postbacks: {
      // The date picker of a draft that is over (its flow answers it while the draft is open)
      'tip-when': postback(TIP_BUTTONS['tip-when'], async (ctx) => {
        ctx.outcome = 'expired-button';
        ctx.reply(textMessage(CHAT.outsideFlowButton, [LABEL.startTip]));
      }),
      'tip-info': postback(TIP_BUTTONS['tip-info'], async (ctx) => {
        ctx.outcome = 'tip:details';
        ctx.reply(detailsMessage(deps.rules, deps.publicUrl()));
      }),
    },
  };
}

async function start(deps: TipChatDeps, ctx: BotContext, said: string): Promise<void> {
  if (!ctx.userId) return;
  if (resumePaused(deps, ctx, said)) return;
  if ((await deps.quota.remaining(ctx.userId)) <= 0) {
    ctx.outcome = 'refused:tip-quota';
    ctx.reply(textMessage(CHAT.quotaFull));
    return;
  }
  const draft = emptyDraft();
  if (said.length >= STORY_START_CHARS && said.length <= TIP_LIMITS.whatChars && !readsAsQuestion(said))
    draft.what = said;
  ctx.outcome = 'tip:started';
  ctx.setState(draftState(deps.key, 'what', draft, ctx.now));
  const ask = draft.what
    ? textMessage(CHAT.firstMessageKept, [LABEL.doneTelling, LABEL.cancel])
    : prompt('what', draft, ctx.now)[0]!;
  ctx.reply(introMessage(deps.publicUrl()), ask);
}

async function handleFlow(deps: TipChatDeps, ctx: BotContext, route: ActiveRoute): Promise<boolean> {
  const state = ctx.state!;
  if (!ctx.userId || route.to === 'follow') return false;
  ctx.intent = 'tip';
  const step = stepOf(state);
  const draft = openDraft(deps.key, state);
  if (route.to === 'unfollow') {
    await endConversation(deps, ctx, draft);
    return false;
  }
  if (step === 'receipt' || step === 'found') {
    if (!isIdle(state, ctx.now)) return followUp(deps, ctx, route, step, draft);
    await endConversation(deps, ctx, draft);
    return false;
  }
  if (!step || step === 'expired' || !draft || isIdle(state, ctx.now)) return expired(deps, ctx, route, step, draft);
  if (route.to === 'text' && commandOf(route.text) === 'cancel') {
    await endConversation(deps, ctx, draft);
    ctx.outcome = 'tip:cancelled';
    ctx.reply(textMessage(CHAT.cancelled));
    return true;
  }
  if (step === 'paused') return pausedTurn(deps, ctx, route, draft);
  if (route.to === 'postback' && route.postback?.a === 'tip-info') {
    // The details, then the same question again: the draft and its step stay as they were
    ctx.outcome = 'tip:details';
    ctx.setState(draftState(deps.key, step, draft, ctx.now));
    ctx.reply(detailsMessage(deps.rules, deps.publicUrl()), ...prompt(step, draft, ctx.now));
    return true;
  }
  return drafting(deps, ctx, route, step, draft);
}

/** The draft is gone (idle too long): say so; a question is answered after that, not swallowed. */
async function expired(
  deps: TipChatDeps,
  ctx: BotContext,
  route: ActiveRoute,
  step: Step | null,
  draft: Draft | null,
): Promise<boolean> {
  await endConversation(deps, ctx, draft);
  ctx.outcome = 'tip:expired';
  if (route.to === 'text' && commandOf(route.text) === null && (step === 'paused' || readsAsQuestion(route.text))) {
    ctx.reply(textMessage(ASK_SAY.expiredAnswering, null));
    return false;
  }
  ctx.reply(textMessage(CHAT.expired, [LABEL.startTip, 'เมนู']));
  return true;
}

/** One event in a drafting step: a question is held and asked about first, then the step goes on. */
async function drafting(
  deps: TipChatDeps,
  ctx: BotContext,
  route: ActiveRoute,
  step: DraftStep,
  draft: Draft,
): Promise<boolean> {
  const turn = route.to === 'text' ? questionTurn(step, draft, route.text) : ({ kind: 'step', lead: [] } as const);
  if (turn.kind === 'answer' && route.to === 'text') return pauseAndAnswer(deps, ctx, route, step, draft);
  if (turn.kind === 'ask') {
    ctx.outcome = 'tip:question-held';
    ctx.setState(draftState(deps.key, step, draft, ctx.now));
    ctx.reply(...askWhich(turn.held, turn.lead));
    return true;
  }
  const next = turn.kind === 'next' ? turn.next : await draftStep(deps, ctx, route, step, draft);
  if (turn.kind === 'step' && turn.lead.length > 0) next.lead = [...turn.lead, ...(next.lead ?? [])];
  if (next.file) return step === 'add' ? addInformation(deps, ctx, next.draft) : file(deps, ctx, next);
  ctx.setState(draftState(deps.key, next.step, next.draft, ctx.now));
  ctx.reply(
    ...(next.ack
      ? acknowledge(next.step, next.draft, ctx.now, next.ack, next.lead)
      : prompt(next.step, next.draft, ctx.now, next.lead)),
  );
  return true;
}

/**
 * The tip wish while a draft is paused: back to it (a long message joins the story), never a
 * new empty draft. When the pause began with this very event (the held question itself reads
 * as a tip wish, such as "where do I complain"), the answer is where to report.
 */
function resumePaused(deps: TipChatDeps, ctx: BotContext, said: string): boolean {
  const state = ctx.state;
  if (state?.flow !== TIP_FLOW || stepOf(state) !== 'paused' || isIdle(state, ctx.now)) return false;
  const draft = openDraft(deps.key, state);
  if (!draft) return false;
  if (ctx.stateChange !== undefined) {
    ctx.reply(textMessage(`${CHAT.externalIntro}: ${EXTERNAL_CHANNELS_LINE}\n\n${TRAFFY}`));
    return true;
  }
  const added =
    said.length >= STORY_START_CHARS &&
    !readsAsQuestion(said) &&
    draft.resume !== undefined &&
    appendToStory(draft.resume, draft, said);
  resume(deps, ctx, draft, added ? ASK_SAY.addedOnResume : ASK_SAY.resumed);
  return true;
}

async function file(deps: TipChatDeps, ctx: BotContext, next: Next): Promise<boolean> {
  const userId = ctx.userId!;
  const { draft } = next;
  if ((await deps.quota.remaining(userId)) <= 0) {
    // Nothing is lost: the draft stays for its 30 minutes.
    ctx.outcome = 'refused:tip-quota';
    ctx.setState(draftState(deps.key, 'confirm', draft, ctx.now));
    ctx.reply(...prompt('confirm', draft, ctx.now, [CHAT.quotaFullDraftKept]));
    return true;
  }
  const { receipt } = await deps.filing.file(
    {
      channel: 'line',
      content: { what: draft.what, who: draft.who, when: draft.when, where: draft.where },
      attachments: draft.images,
      notifyUserId: draft.identity === 'confidential' ? userId : null,
    },
    ctx.now,
  );
  await deps.quota.count(userId);
  ctx.outcome = `tip:filed:${draft.identity}`;
  ctx.replyEssential(...receiptMessages(receipt));
  // The images now belong to the tip: end the conversation without deleting them.
  await endConversation(deps, ctx, null);
  return true;
}

async function addInformation(deps: TipChatDeps, ctx: BotContext, draft: Draft): Promise<boolean> {
  const added = await deps.filing.addInformation(draft.tipId ?? '', draft.what, draft.images, ctx.now);
  ctx.outcome = added ? 'tip:added' : 'tip:add-refused';
  ctx.replyEssential(textMessage(added ? CHAT.added : CHAT.addClosed));
  await endConversation(deps, ctx, added ? null : draft);
  return true;
}
