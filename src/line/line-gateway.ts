import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { isMessageId, isUserId } from './ids.js';
import { createJsonPost, type JsonAnswer } from './json-post.js';
import { ContentTooLarge, readCapped } from '../http/read-body.js';
import { realTimers, TimeoutError, withTimeout } from '../timers.js';

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
    /** LINE's Retry-After (a 429 or 503), in milliseconds; null when it sent none. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(`LINE ${operation} failed${status ? ` with ${status}` : ''}`);
  }

  /** No answer in time, or no connection: LINE may or may not have taken the request. */
  get unanswered(): boolean {
    return this.status === null;
  }
}

/** A failure worth trying again: no answer (network, timeout), LINE's 5xx, or 429 "too many requests". */
export function isTransient(err: unknown): boolean {
  return err instanceof LineApiError && (err.status === null || err.status >= 500 || err.status === 429);
}

/** Per call: give up waiting for LINE after `timeoutMs` if that is sooner than the gateway's limit. */
export interface CallOptions {
  timeoutMs?: number;
}

export interface LineGateway {
  reply(replyToken: string, messages: Message[], opts?: CallOptions): Promise<{ requestId: string | null }>;
  push(userId: string, messages: Message[], retryKey: string): Promise<{ requestId: string | null }>;
  multicast(userIds: string[], messages: Message[], retryKey: string): Promise<{ requestId: string | null }>;
  /** Every friend of the account (LINE allows 60 requests per hour). */
  broadcast(messages: Message[], retryKey: string): Promise<{ requestId: string | null }>;
  showLoading(userId: string, seconds: number): Promise<void>;
  /** What a user sent (an image ...) from LINE_DATA_API_BASE_URL, at most `maxBytes` (else ContentTooLarge). */
  getContent(messageId: string, maxBytes: number): Promise<Buffer>;
}

const MAX_MESSAGES = 5;
/** LINE answers a message request in well under a second; ten seconds without an answer is a hang. */
const LINE_CALL_TIMEOUT_MS = 10_000;
/** Downloading what a user sent (up to the tip evidence limit) may take longer. */
const LINE_CONTENT_TIMEOUT_MS = 30_000;
/** The loading dots only matter for a few seconds. */
const LOADING_TIMEOUT_MS = 5_000;

export interface LineGatewayOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl?: string;
  /** Default wait for any call (LINE_CALL_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * The bot's only way to LINE: @line/bot-sdk's client, pointed at LINE_API_BASE_URL; the
 * reply goes out through Node's own http(s) client instead (json-post.ts: a third of the CPU).
 *
 * Every call is bounded in time. The SDK (11.0.0) calls the global fetch with no signal and
 * lets nobody pass one, so a call that hangs is abandoned here, not cancelled: its socket
 * stays open until LINE answers or Node's fetch gives up (300 s); a reply past its limit is
 * cancelled. A retry is still safe: a reply token is refused once used, and a push retried
 * with the same X-Line-Retry-Key gets 409.
 */
export function createLineGateway(opts: LineGatewayOptions): LineGateway {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.apiBaseUrl,
  });
  const blob = new messagingApi.MessagingApiBlobClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.dataApiBaseUrl ?? opts.apiBaseUrl,
  });
  const defaultTimeout = opts.timeoutMs ?? LINE_CALL_TIMEOUT_MS;
  // The reply, every resident's message's one call, skips the SDK's fetch (see json-post.ts).
  const post = createJsonPost(opts.apiBaseUrl, opts.channelAccessToken);

  const call = async <T>(
    operation: string,
    fn: () => Promise<{ httpResponse: Response; body: T }>,
    timeoutMs = defaultTimeout,
  ) => {
    try {
      const { httpResponse } = await withTimeout(fn(), timeoutMs, realTimers);
      return { requestId: httpResponse.headers.get('x-line-request-id') };
    } catch (err) {
      throw toLineApiError(operation, err);
    }
  };
  const checkMessages = (messages: Message[]) => {
    if (messages.length === 0 || messages.length > MAX_MESSAGES)
      throw new RangeError(`1 to ${MAX_MESSAGES} messages per request, got ${messages.length}`);
  };
  const checkUser = (userId: string) => {
    if (!isUserId(userId)) throw new RangeError('not a LINE user id');
  };

  return {
    reply(replyToken, messages, callOpts) {
      checkMessages(messages);
      const timeoutMs = Math.min(callOpts?.timeoutMs ?? Infinity, defaultTimeout);
      return post('/v2/bot/message/reply', { replyToken, messages }, timeoutMs).then(
        answered('reply'),
        (err: unknown) => {
          throw toLineApiError('reply', err);
        },
      );
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
      await call(
        'loading',
        () => client.showLoadingAnimationWithHttpInfo({ chatId: userId, loadingSeconds: seconds }),
        Math.min(defaultTimeout, LOADING_TIMEOUT_MS),
      );
    },
    async getContent(messageId, maxBytes) {
      if (!isMessageId(messageId)) throw new RangeError('not a LINE message id');
      try {
        // The whole download, body included, within the time limit.
        const download = blob.getMessageContentWithHttpInfo(messageId).then(({ body }) => readCapped(body, maxBytes));
        return await withTimeout(download, Math.max(defaultTimeout, LINE_CONTENT_TIMEOUT_MS), realTimers);
      } catch (err) {
        throw err instanceof ContentTooLarge ? err : toLineApiError('content', err);
      }
    },
  };
}

/** A 2xx gives LINE's request id; any other status is LINE saying no, with its evidence. */
function answered(operation: string): (answer: JsonAnswer) => { requestId: string | null } {
  return ({ status, requestId, acceptedRequestId, body }) => {
    if (status >= 200 && status < 300) return { requestId };
    throw new LineApiError(operation, status, body.slice(0, 2000), requestId, acceptedRequestId);
  };
}

function toLineApiError(operation: string, err: unknown): LineApiError {
  if (err instanceof HTTPFetchError) {
    return new LineApiError(
      operation,
      err.status,
      err.body.slice(0, 2000),
      err.headers.get('x-line-request-id'),
      err.headers.get('x-line-accepted-request-id'),
      retryAfterMs(err.headers.get('retry-after')),
    );
  }
  if (err instanceof TimeoutError) return new LineApiError(operation, null, `timeout: ${err.message}`, null);
  return new LineApiError(operation, null, err instanceof Error ? err.message : String(err), null);
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from now (null: absent or unreadable). */
function retryAfterMs(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
