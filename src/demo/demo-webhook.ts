import crypto from 'node:crypto';
import { z } from 'zod';

/** What a demo user did on the chat page; each becomes the webhook event LINE would send. */
export const UserActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(5000) }),
  z.object({
    type: z.literal('postback'),
    data: z.string().max(300),
    displayText: z.string().max(300).optional(),
    params: z.record(z.string(), z.string().max(100)).optional(),
  }),
  z.object({ type: z.literal('follow') }),
  z.object({ type: z.literal('unfollow') }),
  z.object({
    type: z.literal('sticker'),
    packageId: z.string().regex(/^\d{1,12}$/),
    stickerId: z.string().regex(/^\d{1,12}$/),
  }),
  z.object({
    type: z.literal('location'),
    title: z.string().max(100).optional(),
    address: z.string().max(200).optional(),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  z.object({ type: z.literal('image'), messageId: z.string().regex(/^\d{1,32}$/) }),
]);
export type UserAction = z.infer<typeof UserActionSchema>;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let messageSeq = 0;

/** A ULID, the shape of LINE's webhookEventId: 10 characters of time, 16 of randomness. */
function webhookEventId(now: number): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const random = [...crypto.randomBytes(16)].map((b) => CROCKFORD[b % 32]).join('');
  return time + random;
}

/** A message id shaped like LINE's (digits only, increasing). */
export function newMessageId(now: number): string {
  return `${now}${String(messageSeq++ % 100_000).padStart(5, '0')}`;
}

/**
 * The webhook event for `action` by `userId`. `replyToken` comes from the stand-in so the
 * bot's reply can be routed back to this user; unfollow events carry none, as on LINE.
 */
export function buildEvent(
  userId: string,
  action: UserAction,
  replyToken: string | null,
  now: number,
): Record<string, unknown> {
  const base = {
    timestamp: now,
    mode: 'active',
    source: { type: 'user', userId },
    webhookEventId: webhookEventId(now),
    deliveryContext: { isRedelivery: false },
  };
  const withToken = { ...base, replyToken };
  const quoteToken = crypto.randomBytes(32).toString('base64url');
  switch (action.type) {
    case 'follow':
      return { type: 'follow', ...withToken, follow: { isUnblocked: false } };
    case 'unfollow':
      return { type: 'unfollow', ...base };
    case 'postback':
      return {
        type: 'postback',
        ...withToken,
        postback: { data: action.data, ...(action.params ? { params: action.params } : {}) },
      };
    case 'text':
      return {
        type: 'message',
        ...withToken,
        message: { id: newMessageId(now), type: 'text', text: action.text, quoteToken },
      };
    case 'sticker':
      return {
        type: 'message',
        ...withToken,
        message: {
          id: newMessageId(now),
          type: 'sticker',
          packageId: action.packageId,
          stickerId: action.stickerId,
          stickerResourceType: 'STATIC',
          quoteToken,
        },
      };
    case 'location': {
      const { type, ...place } = action;
      return { type: 'message', ...withToken, message: { id: newMessageId(now), type, ...place } };
    }
    case 'image':
      return {
        type: 'message',
        ...withToken,
        message: { id: action.messageId, type: 'image', contentProvider: { type: 'line' }, quoteToken },
      };
  }
}

/** POSTs events to the bot's webhook exactly as LINE does: raw JSON body signed with the channel secret. */
export async function postWebhook(
  webhookUrl: string,
  channelSecret: string,
  destination: string,
  events: unknown[],
): Promise<number> {
  const body = JSON.stringify({ destination, events });
  const signature = crypto.createHmac('sha256', channelSecret).update(body).digest('base64');
  const res = await fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-line-signature': signature,
      'user-agent': 'LineBotWebhook/2.0',
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  return res.status;
}
