/** Shapes shared by the LINE stand-in's server and its route modules. */

/** Injected 500s on one endpoint: `rate` in 0..1, repeatable through `seed`. */
export interface FailRule {
  /** Route as written in the LINE reference, e.g. `/v2/bot/message/push`, `/v2/bot/profile/:userId`. */
  path: string;
  rate: number;
  seed?: number;
  /**
   * `before` (default): the request is refused, nothing is sent. `after`: the messages are
   * accepted and delivered, but the answer is still a 500 (like a timeout after LINE took it),
   * so a retry with the same X-Line-Retry-Key must get 409.
   */
  when?: 'before' | 'after';
}

export interface LineStandInOptions {
  /** The channel access token the bot must send as `Authorization: Bearer <token>`. */
  token: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Check message bodies with ../shared/line-openapi/line-contract.mjs (default true). */
  contract?: boolean;
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /** Requests per second per route (e.g. `{'/v2/bot/message/multicast': 200}`); above → 429. */
  rateLimits?: Record<string, number>;
  /** Messages (recipients) push + multicast + broadcast may send in all; above → 429 monthly limit. */
  monthlyQuota?: number;
  failRate?: FailRule | FailRule[];
  replyTokens?: {
    /** Refuse reply tokens the stand-in did not issue with `issueReplyToken` (default false). */
    requireIssued?: boolean;
    /** How long an issued token stays valid (default 60 s, as on LINE). */
    ttlMs?: number;
  };
  /** Most recent calls kept in `calls` (default 10,000). */
  maxCalls?: number;
  /** Clock, for tests of the 24-hour retry-key memory. */
  now?: () => number;
  /** Where the one-line warnings go (default console.warn). */
  warn?: (line: string) => void;
}

export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON; `{bytes, contentType}` for binary uploads; a marker for bodies over 256 KB. */
  body: unknown;
  status: number;
  at: number;
}

/** What the bot sent and to whom: one event per accepted reply/push/multicast/broadcast. */
export interface Delivery {
  kind: 'reply' | 'push' | 'multicast' | 'broadcast';
  /** Target user ids; `'all'` for a broadcast; empty for a reply token the stand-in did not issue. */
  to: string[] | 'all';
  messages: unknown[];
  requestId: string;
  replyToken?: string;
  at: number;
}

/** A message request the stand-in refused (4xx other than 409, or 5xx): the bot's message was not delivered. */
export interface Rejection {
  path: string;
  status: number;
  /** Who would have received it, as far as the request tells. */
  to: string[] | 'all';
  /** LINE's error body. */
  response: unknown;
  requestId: string;
  at: number;
}

export interface LoadingEvent {
  chatId: string;
  loadingSeconds: number;
  at: number;
}

export interface Profile {
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
}

export interface StandInRequest {
  method: string;
  path: string;
  /** The route pattern that matched, e.g. `/v2/bot/profile/:userId`. */
  route: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  raw: Buffer;
  requestId: string;
}

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  bytes?: { data: Buffer; contentType: string };
  /** Set by a handler that accepted the request (for `when: 'after'` failures). */
  accepted?: boolean;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  /** Largest body accepted (default 2 MB, LINE's limit for JSON). */
  maxBytes?: number;
  handle(req: StandInRequest): Answer | Promise<Answer>;
}

/** LINE's error body shape. */
export const lineError = (status: number, message: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { message, ...extra },
});
