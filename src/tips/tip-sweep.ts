import type { ConversationState, ConversationStore } from '../bot/conversation.js';
import { addBangkokDays } from '../thai/bangkok-time.js';
import { expiredMarker, isIdle, openDraft, stepOf, TIP_FLOW } from './chat/tip-draft.js';
import type { TipRules } from './deadlines.js';
import type { EvidenceStore } from './evidence-store.js';
import { purgeExpiredTips } from './retention.js';
import type { TipStore } from './tip-store.js';

/** How long the "your draft expired" marker waits for the reporter's next message (Bangkok calendar days). */
const MARKER_KEEP_DAYS = 7;
/** Evidence files nobody refers to are removed once this old (a download may be mid-draft). */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

export interface SweepDeps {
  repo: TipStore;
  files: EvidenceStore;
  conversations: ConversationStore;
  key: Buffer;
  rules: TipRules;
}

/**
 * The tip channel's housekeeping, run at start and then periodically: closed tips past
 * retention lose their content; idle drafts lose theirs (a content-free marker stays, so the
 * reporter's next message can say the draft expired); evidence files that no tip or draft
 * refers to are deleted.
 */
export async function sweepTips(
  deps: SweepDeps,
  now: Date,
): Promise<{ purged: number; drafts: number; files: number }> {
  const purged = await purgeExpiredTips(deps.repo, deps.files, deps.rules, now);
  const keep = new Set<string>();
  const dropImages: string[] = [];
  const drafts = await deps.conversations.sweep((state) => {
    if (state.flow !== TIP_FLOW) return undefined;
    const draft = openDraft(deps.key, state);
    if (!isIdle(state, now)) {
      draft?.images.forEach((i) => keep.add(i.id));
      return undefined;
    }
    draft?.images.forEach((i) => dropImages.push(i.id));
    return nextAfterIdle(state, now);
  });
  for (const id of dropImages) await deps.files.delete(id);
  for (const tip of await deps.repo.all()) tip.attachments.forEach((a) => keep.add(a.id));
  // File times are the file system's: compared with the real clock, not the injected one.
  const files = await deps.files.sweep(keep, new Date(Date.now() - ORPHAN_AGE_MS));
  return { purged, drafts, files };
}

function nextAfterIdle(state: ConversationState, now: Date): ConversationState | null | undefined {
  const step = stepOf(state);
  if (step === 'expired') return now > addBangkokDays(state.updatedAt, MARKER_KEEP_DAYS) ? null : undefined;
  if (step === 'receipt' || step === 'found' || step === null) return null;
  return expiredMarker(now);
}
