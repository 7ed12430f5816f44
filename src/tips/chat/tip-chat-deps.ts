import type { BotContext } from '../../bot/context.js';
import type { TipRules } from '../deadlines.js';
import type { AttemptLimiter } from '../../http/shared-limits.js';
import type { TipFiling } from '../tip-filing.js';
import type { EvidenceDeps } from './chat-evidence.js';
import type { Draft } from './tip-draft.js';

/** What the tip flow in chat is made of (built in src/tips/tip-channel.ts). */
export interface TipChatDeps extends EvidenceDeps {
  /** The tips subkey: drafts are sealed with it inside the conversation state. */
  key: Buffer;
  filing: TipFiling;
  rules: TipRules;
  /** Tips per user per Bangkok day (its HMAC key is replaced every midnight). */
  quota: AttemptLimiter;
  /** Receipt lookups per user (shared with the web form, where the client is an address). */
  lookups: AttemptLimiter;
  /**
   * Ends the user's conversation at once and compacts what held it (conversation state,
   * handled webhook events), so no earlier draft or receipt stays behind on disk.
   */
  forget: (userId: string, now: Date) => Promise<void>;
  /** The bot's public address (PUBLIC_BASE_URL), for links to the /tip form; null: no link. */
  publicUrl: () => string | null;
}

/** Ends the conversation: the draft's images are deleted and nothing of it stays on disk. */
export async function endConversation(deps: TipChatDeps, ctx: BotContext, draft: Draft | null): Promise<void> {
  for (const image of draft?.images ?? []) await deps.files.delete(image.id);
  if (ctx.userId) await deps.forget(ctx.userId, ctx.now);
  ctx.setState(null);
}
