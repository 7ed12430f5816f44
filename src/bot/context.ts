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
