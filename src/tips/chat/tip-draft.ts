import { z } from 'zod';
import type { ConversationState } from '../../bot/conversation.js';
import { openSealedText, seal } from '../../crypto/sealed.js';
import { AttachmentSchema } from '../tip-model.js';

/**
 * A tip being written in chat. It lives in the user's conversation state (itself sealed),
 * and its content is sealed again with the tips key, so the people key alone never opens a
 * tip. Versioned: a draft of another version is treated as expired, never misread.
 */
export const TIP_FLOW = 'tip';
export const DRAFT_IDLE_MS = 30 * 60 * 1000;

export const STEPS = [
  'what',
  'who',
  'when',
  'where',
  'evidence',
  'identity',
  'confirm',
  'receipt',
  'found',
  'add',
  'expired',
  'paused',
] as const;
/** The steps that build a draft (a paused draft goes back to one of them). */
export const DRAFTING = ['what', 'who', 'when', 'where', 'evidence', 'identity', 'confirm', 'add'] as const;
export type Step = (typeof STEPS)[number];

const DraftSchema = z.object({
  v: z.literal(1),
  what: z.string(),
  who: z.string().nullable(),
  when: z.string().nullable(),
  where: z.string().nullable(),
  images: z.array(AttachmentSchema),
  identity: z.enum(['anonymous', 'confidential']).nullable(),
  /** Follow-up steps ("found", "add"): the tip the reporter opened with their receipt. */
  tipId: z.string().nullable(),
  /** A message that read as a question, waiting for the reporter to say what it is. */
  held: z.string().optional(),
  /** While paused to answer a question: the step to go back to. */
  resume: z.enum(DRAFTING).optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

export function emptyDraft(): Draft {
  return { v: 1, what: '', who: null, when: null, where: null, images: [], identity: null, tipId: null };
}

export function draftState(key: Buffer, step: Step, draft: Draft, now: Date): ConversationState {
  return { v: 1, flow: TIP_FLOW, step, draft: { s: seal(key, JSON.stringify(draft)) }, updatedAt: now.toISOString() };
}

/** A content-free marker left when a sweep deleted an idle draft, so the next message can say so. */
export function expiredMarker(now: Date): ConversationState {
  return { v: 1, flow: TIP_FLOW, step: 'expired', draft: {}, updatedAt: now.toISOString() };
}

/** The draft in a state, or null when it is missing, damaged or of another version. */
export function openDraft(key: Buffer, state: ConversationState): Draft | null {
  const sealed = (state.draft as { s?: unknown }).s;
  if (typeof sealed !== 'string') return null;
  try {
    const parsed = DraftSchema.safeParse(JSON.parse(openSealedText(key, sealed)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function stepOf(state: ConversationState): Step | null {
  return (STEPS as readonly string[]).includes(state.step) ? (state.step as Step) : null;
}

export function isIdle(state: ConversationState, now: Date): boolean {
  return now.getTime() - Date.parse(state.updatedAt) > DRAFT_IDLE_MS;
}
