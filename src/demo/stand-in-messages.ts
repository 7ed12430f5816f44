import crypto from 'node:crypto';
import { RetryKeyStore } from './stand-in-guards.js';
import { lineError } from './stand-in-types.js';
import type { Answer, Delivery, LineStandInOptions, LoadingEvent, Route, StandInRequest } from './stand-in-types.js';

/** What the message endpoints need from the stand-in around them. */
export interface MessageContext {
  opts: LineStandInOptions;
  now: () => number;
  /** Runs line-contract.mjs on the body; a 400 answer when it breaks the contract. */
  checkBody(contractPath: string, req: StandInRequest): Promise<Answer | null>;
  deliver(delivery: Delivery): void;
  loading(event: LoadingEvent): void;
  /** How many users a broadcast reaches (for the monthly quota). */
  audienceSize(): number;
}

type Kind = Delivery['kind'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TOKENS = 10_000;

interface ReplyToken {
  userId: string | null;
  issuedAt: number;
  used: boolean;
}

/**
 * reply / push / multicast / broadcast and the loading animation, with LINE's rules:
 * single-use reply tokens, X-Line-Retry-Key remembered 24 h (replay → 409), monthly quota.
 */
export function createMessageRoutes(ctx: MessageContext) {
  const retryKeys = new RetryKeyStore(ctx.now);
  const tokens = new Map<string, ReplyToken>();
  const ttlMs = ctx.opts.replyTokens?.ttlMs ?? 60_000;
  let messagesSent = 0;
  let seq = 0;

  const remember = (token: string, entry: ReplyToken) => {
    if (tokens.size >= MAX_TOKENS) tokens.delete(tokens.keys().next().value as string);
    tokens.set(token, entry);
  };

  const sentMessages = (count: number) =>
    Array.from({ length: count }, () => ({
      id: `${ctx.now()}${String(seq++ % 100_000).padStart(5, '0')}`,
      quoteToken: crypto.randomBytes(48).toString('base64url'),
    }));

  /** Checks the reply token; the user it was issued for, or a 400 answer. */
  const useReplyToken = (token: unknown): { userId: string | null } | Answer => {
    if (typeof token !== 'string' || token === '') return lineError(400, 'Invalid reply token');
    const entry = tokens.get(token);
    if (!entry) {
      if (ctx.opts.replyTokens?.requireIssued) return lineError(400, 'Invalid reply token');
      remember(token, { userId: null, issuedAt: ctx.now(), used: true });
      return { userId: null };
    }
    if (entry.used || ctx.now() - entry.issuedAt > ttlMs) return lineError(400, 'Invalid reply token');
    entry.used = true;
    return { userId: entry.userId };
  };

  const send =
    (kind: Kind) =>
    async (req: StandInRequest): Promise<Answer> => {
      const path = `/v2/bot/message/${kind}`;
      const retryKey = req.headers['x-line-retry-key'];
      if (retryKey !== undefined) {
        if (kind === 'reply') return lineError(400, 'The X-Line-Retry-Key header is not allowed on this API');
        if (!UUID.test(retryKey)) return lineError(400, 'The value of the X-Line-Retry-Key header is invalid');
        const seen = retryKeys.get(retryKey);
        if (seen) {
          // LINE: 409, the original request's id in x-line-accepted-request-id, and for push the sent messages
          const extra = kind === 'push' ? { sentMessages: (seen.body as { sentMessages?: unknown }).sentMessages } : {};
          return {
            ...lineError(409, 'The retry key is already accepted', extra),
            headers: { 'x-line-accepted-request-id': seen.requestId },
          };
        }
      }
      const refused = await ctx.checkBody(path, req);
      if (refused) return refused;
      const body = req.body as { messages: unknown[]; to?: string | string[]; replyToken?: string };

      let to: string[] | 'all';
      if (kind === 'reply') {
        const used = useReplyToken(body.replyToken);
        if ('status' in used) return used;
        to = used.userId ? [used.userId] : [];
      } else {
        to = kind === 'broadcast' ? 'all' : kind === 'push' ? [String(body.to)] : (body.to as string[]);
        const recipients = to === 'all' ? ctx.audienceSize() : to.length;
        const quota = ctx.opts.monthlyQuota;
        if (quota !== undefined && messagesSent + recipients > quota)
          return lineError(429, 'You have reached your monthly limit.');
        messagesSent += recipients;
      }

      // Multicast and broadcast answer an empty object on LINE; reply and push list the sent messages
      const answerBody =
        kind === 'reply' || kind === 'push' ? { sentMessages: sentMessages(body.messages.length) } : {};
      if (retryKey !== undefined) retryKeys.remember(retryKey, req.requestId, answerBody);
      ctx.deliver({
        kind,
        to,
        messages: body.messages,
        requestId: req.requestId,
        ...(body.replyToken ? { replyToken: body.replyToken } : {}),
        at: ctx.now(),
      });
      return { status: 200, body: answerBody, accepted: true };
    };

  const loadingStart = async (req: StandInRequest): Promise<Answer> => {
    const refused = await ctx.checkBody('/v2/bot/chat/loading/start', req);
    if (refused) return refused;
    const body = req.body as { chatId: string; loadingSeconds?: number };
    ctx.loading({ chatId: body.chatId, loadingSeconds: body.loadingSeconds ?? 20, at: ctx.now() });
    return { status: 202, body: {}, accepted: true };
  };

  const routes: Route[] = [
    ...(['reply', 'push', 'multicast', 'broadcast'] as const).map((kind): Route => ({
      method: 'POST',
      pattern: `/v2/bot/message/${kind}`,
      handle: send(kind),
    })),
    { method: 'POST', pattern: '/v2/bot/chat/loading/start', handle: loadingStart },
    {
      method: 'GET',
      pattern: '/v2/bot/message/quota',
      handle: () => ({
        status: 200,
        body:
          ctx.opts.monthlyQuota === undefined ? { type: 'none' } : { type: 'limited', value: ctx.opts.monthlyQuota },
      }),
    },
    {
      method: 'GET',
      pattern: '/v2/bot/message/quota/consumption',
      handle: () => ({ status: 200, body: { totalUsage: messagesSent } }),
    },
  ];

  return {
    routes,
    /** The user a reply token was issued for (null when unknown). */
    tokenOwner: (token: unknown): string | null =>
      typeof token === 'string' ? (tokens.get(token)?.userId ?? null) : null,
    /** A fresh reply token for a webhook event from `userId` (single use, valid `ttlMs`). */
    issueReplyToken(userId: string | null): string {
      const token = crypto.randomBytes(16).toString('hex');
      remember(token, { userId, issuedAt: ctx.now(), used: false });
      return token;
    },
  };
}
