import type { messagingApi, webhook } from '@line/bot-sdk';
import type { ConversationState } from './conversation.js';

type Message = messagingApi.Message;

/** LINE accepts at most five messages per reply. */
export const MAX_REPLY_MESSAGES = 5;

/**
 * Everything a handler needs about one event. Replies are collected and sent once by the
 * dispatcher after the handler returns; conversation state is staged here and saved only
 * when the handler did not throw.
 */
export class BotContext {
  readonly replies: Message[] = [];
  intent = 'none';
  outcome = 'handled';
  private stagedState: ConversationState | null | undefined = undefined;
  private essential = false;

  constructor(
    readonly event: webhook.Event,
    readonly userId: string | null,
    readonly now: Date,
    private readonly loadedState: ConversationState | undefined,
  ) {}

  reply(...messages: Message[]): void {
    if (this.replies.length + messages.length > MAX_REPLY_MESSAGES) {
      throw new RangeError(`a reply holds at most ${MAX_REPLY_MESSAGES} messages`);
    }
    this.replies.push(...messages);
  }

  /**
   * A reply that must not be lost: a tip receipt, a tip's status, the confirmation of a
   * change the resident made. When LINE's reply token is gone before it could be sent, the
   * dispatcher pushes it instead (a push counts against the monthly message quota).
   */
  replyEssential(...messages: Message[]): void {
    this.reply(...messages);
    this.essential = true;
  }

  /** True when the reply holds something the resident must receive (see replyEssential). */
  get mustArrive(): boolean {
    return this.essential;
  }

  /** Drops everything collected so far (the handler failed; an apology replaces it). */
  discardReplies(): void {
    this.replies.length = 0;
    this.essential = false;
  }

  /** The conversation state as the handler sees it (staged changes included). */
  get state(): ConversationState | undefined {
    return this.stagedState === undefined ? this.loadedState : (this.stagedState ?? undefined);
  }

  /** Stages a new state (null ends the conversation); saved after the handler succeeds. */
  setState(state: ConversationState | null): void {
    this.stagedState = state;
  }

  /** The staged change, or undefined when the handler left the state alone. */
  get stateChange(): ConversationState | null | undefined {
    return this.stagedState;
  }
}
