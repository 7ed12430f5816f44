import type { BotContext } from '../../bot/context.js';
import type { ActiveRoute } from '../../bot/feature.js';
import type { Place } from '../../bot/router.js';
import { THAI_MONTHS_SHORT, BE_OFFSET } from '../../thai/date.js';
import { TIP_LIMITS } from '../tip-model.js';
import { CHAT, LABEL } from '../tip-texts.js';
import { receiveImage } from './chat-evidence.js';
import type { TipChatDeps } from './tip-chat-deps.js';
import { commandOf } from './tip-commands.js';
import type { DRAFTING, Draft, Step } from './tip-draft.js';

/** Where the conversation goes next: the step to ask, the draft, and what to say first. */
export interface Next {
  step: Step;
  draft: Draft;
  lead?: string[];
  /** The reporter confirmed: file the draft. */
  file?: true;
  /** One short line said instead of the step's question (an image taken). */
  ack?: string;
}

export type DraftStep = (typeof DRAFTING)[number];

/** Said back when the date-time picker answers, so the reporter sees what was taken. */
export const PICKED_SAY = 'รับวันเวลาที่เกิดเหตุไว้แล้ว:';

/** One line per photo: which one it was and how to finish (the add step finishes with ยืนยัน). */
export function imageTaken(n: number, step: 'evidence' | 'add'): string {
  return `ได้รับรูปที่ ${n} แล้ว ส่งเพิ่มได้ หรือกด “${step === 'add' ? LABEL.confirm : LABEL.doneImages}”`;
}

const AFTER: Record<'who' | 'when' | 'where', Step> = { who: 'when', when: 'where', where: 'evidence' };

/** One event in a drafting step (the add-information step included). Pure but for image download. */
export async function draftStep(
  deps: TipChatDeps,
  ctx: BotContext,
  route: ActiveRoute,
  step: DraftStep,
  draft: Draft,
): Promise<Next> {
  const stay = (lead: string): Next => ({ step, draft, lead: [lead] });
  if (route.to === 'media') {
    if (route.kind === 'image') {
      const got = await receiveImage(deps, route, draft.images.length, ctx.now);
      if ('refused' in got) return stay(got.refused);
      draft.images.push(got);
      // The photo step: one short line per photo; elsewhere the step's question follows
      if (step === 'evidence' || step === 'add') return { step, draft, ack: imageTaken(draft.images.length, step) };
      return stay(CHAT.imageGot(draft.images.length));
    }
    if (route.kind === 'location' && step !== 'add') {
      draft.where = locationText(route.location);
      return { step: step === 'where' ? 'evidence' : step, draft, lead: ['รับตำแหน่งที่เกิดเหตุไว้แล้ว'] };
    }
    return stay(CHAT.otherMedia);
  }
  if (route.to === 'postback') {
    const when = route.postback?.a === 'tip-when' ? pickedTime(route.params) : null;
    if (!when || step === 'add') return stay(CHAT.stillInFlow);
    draft.when = when;
    return { step: step === 'when' ? 'where' : step, draft, lead: [`${PICKED_SAY} ${when}`] };
  }
  if (route.to !== 'text') return stay(CHAT.stillInFlow);
  return textStep(step, draft, route.text);
}

/** One typed message in a drafting step (commands included). */
export function textStep(step: DraftStep, draft: Draft, text: string): Next {
  const command = commandOf(text);
  const stay = (lead: string): Next => ({ step, draft, lead: [lead] });
  if (command === 'start') return stay(CHAT.stillInFlow);
  switch (step) {
    case 'what':
    case 'add': {
      const finished =
        step === 'add' ? command === 'confirm' || command === 'done' : command === 'done' || command === 'skip';
      if (finished) {
        if (step === 'add')
          return draft.what || draft.images.length > 0 ? { step, draft, file: true } : stay(CHAT.additionEmpty);
        return draft.what ? { step: 'who', draft } : stay(CHAT.whatRequired);
      }
      return appendToStory(step, draft, text)
        ? { step, draft }
        : stay(CHAT.tooLong(step === 'add' ? TIP_LIMITS.additionChars : TIP_LIMITS.whatChars));
    }
    case 'who':
    case 'when':
    case 'where': {
      if (command === 'skip' || command === 'done') draft[step] = null;
      else if (text.trim().length > TIP_LIMITS.fieldChars) return stay(CHAT.tooLong(TIP_LIMITS.fieldChars));
      else draft[step] = text.trim();
      return { step: AFTER[step], draft };
    }
    case 'evidence':
      return command === 'done' || command === 'skip' ? { step: 'identity', draft } : { step, draft };
    case 'identity':
      if (command === 'anonymous' || command === 'notify') {
        draft.identity = command === 'notify' ? 'confidential' : 'anonymous';
        return { step: 'confirm', draft };
      }
      return { step, draft };
    case 'confirm':
      return command === 'confirm' && draft.identity ? { step, draft, file: true } : { step, draft };
  }
}

/** Adds `text` to the story (the addition, in the add step); false when it would be too long. */
export function appendToStory(step: DraftStep, draft: Draft, text: string): boolean {
  const max = step === 'add' ? TIP_LIMITS.additionChars : TIP_LIMITS.whatChars;
  const joined = draft.what ? `${draft.what}\n\n${text.trim()}` : text.trim();
  if (joined.length > max) return false;
  draft.what = joined;
  return true;
}

/** The date-time picker's answer ("2025-03-25T14:30" or a date) as a Thai date; null when malformed. */
export function pickedTime(params: Record<string, string>): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(params.datetime ?? params.date ?? '');
  if (!m) return null;
  const [, y, mo, d, hh, mm] = m;
  const month = THAI_MONTHS_SHORT[Number(mo) - 1];
  if (!month) return null;
  const date = `${Number(d)} ${month} ${Number(y) + BE_OFFSET}`;
  return hh ? `${date} เวลา ${hh}:${mm} น.` : date;
}

function locationText(place: Place): string {
  const name = [place.title, place.address].filter((s) => typeof s === 'string' && s.trim()).join(' ');
  const at = `พิกัด ${place.latitude.toFixed(5)}, ${place.longitude.toFixed(5)}`;
  return (name ? `${name} (${at})` : at).slice(0, TIP_LIMITS.fieldChars);
}
