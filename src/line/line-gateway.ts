import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { isMessageId, isUserId } from './ids.js';
import { ContentTooLarge, readCapped } from './read-capped.js';

type Message = messagingApi.Message;

/** LINE said no (or could not be reached): the evidence needed to understand why. */
export class LineApiError extends Error {
  override name = 'LineApiError';
  constructor(
    readonly operation: string,
    readonly status: number | null,
    readonly body: string,
    readonly requestId: string | null,
    /** On a 409 (retry key already accepted): the id of the request LINE accepted earlier. */
    readonly acceptedRequestId: string | null = null,
  ) {
    super(`LINE ${operation} failed${status ? ` with ${status}` : ''}`);
  }
}

export interface LineGateway {
  reply(replyToken: string, messages: Message[]): Promise<{ requestId: string | null }>;
  push(userId: string, messages: Message[], retryKey: string): Promise<{ requestId: string | null }>;
  multicast(userIds: string[], messages: Message[], retryKey: string): Promise<{ requestId: string | null }>;
  /** Every friend of the account (LINE allows 60 requests per hour). */
  broadcast(messages: Message[], retryKey: string): Promise<{ requestId: string | null }>;
  showLoading(userId: string, seconds: number): Promise<void>;
  /** What a user sent (an image ...) from LINE_DATA_API_BASE_URL, at most `maxBytes` (else ContentTooLarge). */
  getContent(messageId: string, maxBytes: number): Promise<Buffer>;
}

const MAX_MESSAGES = 5;

/** The bot's only way to LINE: @line/bot-sdk's client, pointed at LINE_API_BASE_URL. */
export function createLineGateway(opts: { channelAccessToken: string; apiBaseUrl: string; dataApiBaseUrl?: string }): LineGateway {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.apiBaseUrl });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.dataApiBaseUrl ?? opts.apiBaseUrl });

  const call = async <T>(operation: string, fn: () => Promise<{ httpResponse: Response; body: T }>) => {
    try {
      const { httpResponse } = await fn();
      return { requestId: httpResponse.headers.get('x-line-request-id') };
    } catch (err) {
      throw toLineApiError(operation, err);
    }
  };
  const checkMessages = (messages: Message[]) => {
    if (messages.length === 0 || messages.length > MAX_MESSAGES) throw new RangeError(`1 to ${MAX_MESSAGES} messages per request, got ${messages.length}`);
  };
  const checkUser = (userId: string) => {
    if (!isUserId(userId)) throw new RangeError('not a LINE user id');
  };

  return {
    reply(replyToken, messages) {
      checkMessages(messages);
      return call('reply', () => client.replyMessageWithHttpInfo({ replyToken, messages }));
    },
    push(userId, messages, retryKey) {
      checkUser(userId);
      checkMessages(messages);
      return call('push', () => client.pushMessageWithHttpInfo({ to: userId, messages }, retryKey));
    },
    multicast(userIds, messages, retryKey) {
      userIds.forEach(checkUser);
      checkMessages(messages);
      if (userIds.length === 0 || userIds.length > 500) throw new RangeError('1 to 500 recipients per multicast');
      return call('multicast', () => client.multicastWithHttpInfo({ to: userIds, messages }, retryKey));
    },
    broadcast(messages, retryKey) {
      checkMessages(messages);
      return call('broadcast', () => client.broadcastWithHttpInfo({ messages }, retryKey));
    },
    async showLoading(userId, seconds) {
      checkUser(userId);
      await call('loading', () => client.showLoadingAnimationWithHttpInfo({ chatId: userId, loadingSeconds: seconds }));
    },
    async getContent(messageId, maxBytes) {
      if (!isMessageId(messageId)) throw new RangeError('not a LINE message id');
      try {
        const { body } = await blob.getMessageContentWithHttpInfo(messageId);
        return await readCapped(body, maxBytes);
      } catch (err) {
        throw err instanceof ContentTooLarge ? err : toLineApiError('content', err);
      }
    },
  };
}

function toLineApiError(operation: string, err: unknown): LineApiError {
  if (err instanceof HTTPFetchError) {
    return new LineApiError(operation, err.status, err.body.slice(0, 2000), err.headers.get('x-line-request-id'), err.headers.get('x-line-accepted-request-id'));
  }
  return new LineApiError(operation, null, err instanceof Error ? err.message : String(err), null);
}
