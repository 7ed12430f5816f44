import { z } from 'zod';
import { userRef, type DataKeys } from '../crypto/keys.js';
import type { PrivateStore } from '../storage/private-store.js';

/**
 * Where a user is in a multi-step conversation (such as filing a tip). Versioned, so a state
 * written by an older release is dropped instead of misread; sealed on disk like all
 * per-person data; saved only after a handler succeeded.
 */
export const ConversationStateSchema = z.object({
  v: z.literal(1),
  flow: z.string().min(1),
  step: z.string().min(1),
  draft: z.record(z.string(), z.unknown()),
  updatedAt: z.iso.datetime(),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export class ConversationRepo {
  constructor(
    private readonly store: PrivateStore<ConversationState>,
    private readonly keys: DataKeys,
  ) {}

  get(userId: string): ConversationState | undefined {
    return this.store.get(userRef(this.keys, userId));
  }

  save(userId: string, state: ConversationState | null): Promise<void> {
    const ref = userRef(this.keys, userId);
    return state ? this.store.set(ref, state) : this.store.delete(ref);
  }
}
