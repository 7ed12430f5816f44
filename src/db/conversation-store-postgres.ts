import { ConversationStateSchema, type ConversationState, type ConversationStore } from '../bot/conversation.js';
import { userRef } from '../crypto/keys.js';
import { openSealedText, seal } from '../crypto/sealed.js';
import { inTenant, type TenantScope } from './tenant-scope.js';

/** How many states one step of a sweep reads. */
const SWEEP_PAGE = 500;

/**
 * One tenant's conversation state in PostgreSQL (table conversations), so a user's next
 * message may reach any process. Keyed by the user's ref (HMAC of the user id); the state,
 * tip drafts included, is sealed whole under the tenant's people key. A state that no longer
 * fits the schema (an older release's) reads as none, as in the file store.
 */
export class PostgresConversationStore implements ConversationStore {
  constructor(private readonly scope: TenantScope) {}

  private open(sealed: string): ConversationState | undefined {
    const parsed = ConversationStateSchema.safeParse(JSON.parse(openSealedText(this.scope.keys.people, sealed)));
    return parsed.success ? parsed.data : undefined;
  }

  get(userId: string): Promise<ConversationState | undefined> {
    return inTenant(this.scope, async (c) => {
      const { rows } = await c.query<{ state_sealed: string }>(
        'SELECT state_sealed FROM conversations WHERE tenant_id = $1 AND ref = $2',
        [this.scope.tenantId, userRef(this.scope.keys, userId)],
      );
      return rows[0] && this.open(rows[0].state_sealed);
    });
  }

  async save(userId: string, state: ConversationState | null): Promise<void> {
    await this.put(userRef(this.scope.keys, userId), state);
  }

  private async put(ref: string, state: ConversationState | null): Promise<void> {
    const t = this.scope.tenantId;
    await inTenant(this.scope, (c) =>
      state
        ? c.query(
            `INSERT INTO conversations (tenant_id, ref, state_sealed) VALUES ($1, $2, $3)
             ON CONFLICT (tenant_id, ref) DO UPDATE SET state_sealed = EXCLUDED.state_sealed`,
            [t, ref, seal(this.scope.keys.people, JSON.stringify(state))],
          )
        : c.query('DELETE FROM conversations WHERE tenant_id = $1 AND ref = $2', [t, ref]),
    );
  }

  /** A deleted row keeps no earlier version to compact away. */
  forget(userId: string): Promise<void> {
    return this.save(userId, null);
  }

  /** Pages through the states by ref, changing each as `change` says. */
  async sweep(change: (state: ConversationState) => ConversationState | null | undefined): Promise<number> {
    let changed = 0;
    for (let after = ''; ;) {
      const rows = await inTenant(this.scope, async (c) => {
        const found = await c.query<{ ref: string; state_sealed: string }>(
          'SELECT ref, state_sealed FROM conversations WHERE tenant_id = $1 AND ref > $2 ORDER BY ref LIMIT $3',
          [this.scope.tenantId, after, SWEEP_PAGE],
        );
        return found.rows;
      });
      for (const row of rows) {
        const state = this.open(row.state_sealed);
        const next = state ? change(state) : null;
        if (next === undefined) continue;
        changed += 1;
        await this.put(row.ref, next);
      }
      if (rows.length < SWEEP_PAGE) return changed;
      after = rows.at(-1)!.ref;
    }
  }
}
