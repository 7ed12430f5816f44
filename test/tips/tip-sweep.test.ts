import { describe, expect, it } from 'vitest';
import type { ConversationRepo, ConversationState } from '../../src/bot/conversation.js';
import { expiredMarker } from '../../src/tips/chat/tip-draft.js';
import { DEFAULT_TIP_RULES } from '../../src/tips/deadlines.js';
import type { EvidenceFiles } from '../../src/tips/evidence-files.js';
import type { TipRepo } from '../../src/tips/tip-repo.js';
import { sweepTips } from '../../src/tips/tip-sweep.js';

/** The sweep with no tips and no files, over these conversation states; returns what became of each. */
async function sweepStates(states: ConversationState[], now: Date) {
  const outcome: Array<ConversationState | null | undefined> = [];
  const conversations = {
    sweep: (change: (s: ConversationState) => ConversationState | null | undefined) => {
      states.forEach((s) => outcome.push(change(s)));
      return Promise.resolve(outcome.filter((o) => o !== undefined).length);
    },
  } as unknown as ConversationRepo;
  const repo = { idsWhere: () => [], all: () => [] } as unknown as TipRepo;
  const files = { sweep: () => Promise.resolve(0) } as unknown as EvidenceFiles;
  const counts = await sweepTips({ repo, files, conversations, key: Buffer.alloc(32), rules: DEFAULT_TIP_RULES }, now);
  return { counts, outcome };
}

describe('sweepTips: the "your draft expired" marker', () => {
  // 23:30 on 31 January in Bangkok: the seven days run across a month end and Bangkok midnights
  const markedAt = new Date('2026-01-31T16:30:00.000Z');

  it('when seven Bangkok days have not yet passed, then the marker stays for the reporter', async () => {
    const { outcome } = await sweepStates([expiredMarker(markedAt)], new Date('2026-02-07T16:30:00.000Z'));
    expect(outcome).toEqual([undefined]);
  });

  it('when seven Bangkok days have passed, then the marker goes', async () => {
    const { counts, outcome } = await sweepStates([expiredMarker(markedAt)], new Date('2026-02-07T16:30:00.001Z'));
    expect(outcome).toEqual([null]);
    expect(counts).toEqual({ purged: 0, drafts: 1, files: 0 });
  });

  it('when a state belongs to another flow, then the sweep leaves it alone however old', async () => {
    const other: ConversationState = { ...expiredMarker(markedAt), flow: 'other' };
    const { outcome } = await sweepStates([other], new Date('2027-01-01T00:00:00.000Z'));
    expect(outcome).toEqual([undefined]);
  });
});
