import type { messagingApi } from '@line/bot-sdk';
import type { BotContext } from '../../bot/context.js';
import { textMessage } from '../../flex/messages.js';
import type { ActiveRoute } from '../../bot/feature.js';
import { CHAT, LABEL } from '../tip-texts.js';
import type { TipChatDeps } from './tip-chat-deps.js';
import { commandOf } from './tip-commands.js';
import { draftState, type Draft } from './tip-draft.js';
import { prompt } from './tip-prompts.js';
import { appendToStory, textStep, type DraftStep, type Next } from './tip-steps.js';
import { ASK_LABEL, ASK_SAY, askChoiceOf, readsAsQuestion } from './question-check.js';

/**
 * What a typed message in a drafting step does, seen for questions first:
 * - `ask`: it reads as a question: it is held (in the sealed draft) and the reporter asked
 *   whether it belongs to the tip or was a question;
 * - `answer`: the reporter said the held text was a question: pause and answer it;
 * - `next`: the held text was put in the tip (or a stray choice came): go on from `next`;
 * - `step`: an ordinary message; `lead` says what became of a held text first.
 */
export type Turn =
  | { kind: 'ask'; held: string; lead: string[] }
  | { kind: 'answer'; held: string }
  | { kind: 'next'; next: Next }
  | { kind: 'step'; lead: string[] };

export function questionTurn(step: DraftStep, draft: Draft, text: string): Turn {
  const choice = askChoiceOf(text);
  const lead: string[] = [];
  const held = draft.held;
  if (held !== undefined) {
    if (choice === 'question') return { kind: 'answer', held };
    if (choice === 'keep') {
      delete draft.held;
      const next = keep(step, draft, held);
      return { kind: 'next', next: { ...next, lead: [ASK_SAY.kept, ...(next.lead ?? [])] } };
    }
    // A step's command (เล่าครบแล้ว, ข้าม …) does not say what the held text is: ask again.
    if (commandOf(text) !== null) return { kind: 'ask', held, lead };
    // Something else came: the held text goes into the story, and the new message is read as usual.
    if (!appendToStory(step, draft, held)) return { kind: 'ask', held, lead };
    delete draft.held;
    lead.push(ASK_SAY.kept);
  } else if (choice !== null) {
    // A choice button from an earlier question, tapped again: nothing to decide.
    return { kind: 'next', next: { step, draft, lead: [CHAT.stillInFlow] } };
  }
  if (commandOf(text) === null && readsAsQuestion(text)) {
    draft.held = text.trim();
    return { kind: 'ask', held: draft.held, lead };
  }
  return { kind: 'step', lead };
}

/** The held text as if it had been typed in `step` (story steps and fields); elsewhere it joins the story. */
function keep(step: DraftStep, draft: Draft, held: string): Next {
  if (step === 'what' || step === 'add' || step === 'who' || step === 'when' || step === 'where')
    return textStep(step, draft, held);
  appendToStory(step, draft, held);
  return { step, draft };
}

/** The question about a held text, with its choices. */
export function askWhich(held: string, lead: readonly string[]): messagingApi.Message[] {
  return [
    ...lead.map((t) => textMessage(t, null)),
    textMessage(ASK_SAY.which(held), [ASK_LABEL.keep, ASK_LABEL.question, LABEL.cancel]),
  ];
}

/**
 * Pauses the draft and hands the held question to the bot's ordinary handlers, as if just
 * typed (the route's text is replaced; the flow returns false). The draft waits 30 minutes.
 */
export function pauseAndAnswer(
  deps: TipChatDeps,
  ctx: BotContext,
  route: Extract<ActiveRoute, { to: 'text' }>,
  step: DraftStep,
  draft: Draft,
): false {
  const held = draft.held ?? route.text;
  delete draft.held;
  draft.resume = step;
  ctx.outcome = 'tip:paused';
  ctx.setState(draftState(deps.key, 'paused', draft, ctx.now));
  ctx.reply(textMessage(ASK_SAY.paused, null));
  route.text = held;
  return false;
}

/** A message this long that is not a question is more of the story, not something to ask the bot. */
export const STORY_START_CHARS = 40;

/**
 * While paused: "แจ้งเบาะแสต่อ" (or the menu's แจ้งเบาะแส) resumes; a long message that is not
 * a question resumes with it added to the story (it is the tip going on, and must not reach
 * the question log); anything else is answered as usual.
 */
export function pausedTurn(deps: TipChatDeps, ctx: BotContext, route: ActiveRoute, draft: Draft): boolean {
  if (route.to !== 'text') return false;
  if (askChoiceOf(route.text) === 'resume' || commandOf(route.text) === 'start') {
    resume(deps, ctx, draft, ASK_SAY.resumed);
    return true;
  }
  const story = route.text.trim().length >= STORY_START_CHARS && !readsAsQuestion(route.text);
  if (!story || !appendToStory(draft.resume ?? 'what', draft, route.text)) return false;
  resume(deps, ctx, draft, ASK_SAY.addedOnResume);
  return true;
}

/** Back to the step the draft was paused at, asking its question again. */
export function resume(deps: TipChatDeps, ctx: BotContext, draft: Draft, lead: string): void {
  const step = draft.resume ?? 'what';
  delete draft.resume;
  ctx.outcome = 'tip:resumed';
  ctx.setState(draftState(deps.key, step, draft, ctx.now));
  ctx.reply(...prompt(step, draft, ctx.now, [lead]));
}
