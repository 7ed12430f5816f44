import { z } from 'zod';
import { userRef, type DataKeys } from '../crypto/keys.js';
import type { Awaitable } from '../storage/awaitable.js';
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

/**
 * Conversation state wherever it is kept: ConversationRepo (the town's sealed file, from
 * memory) or PostgresConversationStore (a tenant's rows, shared by every process).
 */
export interface ConversationStore {
  get(userId: string): Awaitable<ConversationState | undefined>;
  /** Saves the state after a handler succeeded; null ends the conversation. */
  save(userId: string, state: ConversationState | null): Promise<void>;
  /** Ends a user's conversation now, leaving no earlier version of it behind. */
  forget(userId: string): Promise<void>;
  /**
   * Visits every saved state (for expiry sweeps): `change` returns a replacement, null to end
   * it, or undefined to leave it. Returns how many changed.
   */
  sweep(change: (state: ConversationState) => ConversationState | null | undefined): Promise<number>;
}

export class ConversationRepo implements ConversationStore {
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

  /**
   * Ends a user's conversation now and compacts the file, so its earlier versions (a tip
   * draft, say) are not left behind in the change log. The dispatcher's later save of `null`
   * is then a no-op.
   */
  async forget(userId: string): Promise<void> {
    await this.store.delete(userRef(this.keys, userId));
    // PrivateStore.compact runs after any snapshot under way, from a copy taken after the delete.
    await this.store.compact();
  }

  /**
   * Visits every saved state (for expiry sweeps): `change` returns a replacement, null to end
   * it, or undefined to leave it. Compacts when anything changed. Returns how many changed.
   */
  async sweep(change: (state: ConversationState) => ConversationState | null | undefined): Promise<number> {
    let changed = 0;
    for (const ref of this.store.refsWhere(() => true)) {
      const next = change(this.store.get(ref)!);
      if (next === undefined) continue;
      changed += 1;
      await (next ? this.store.set(ref, next) : this.store.delete(ref));
    }
    if (changed > 0) await this.store.compact();
    return changed;
  }
}
