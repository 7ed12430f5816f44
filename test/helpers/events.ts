import { createHmac, randomBytes } from 'node:crypto';

/** Test fixtures shaped like LINE's webhook events. */
export const SECRET = 'test-channel-secret-0123456789ab';
export const TOKEN = 'test-channel-access-token';

export function userId(n = 1): string {
  return 'U' + n.toString(16).padStart(32, '0');
}

export function sign(body: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

let seq = 0;
function base(user: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return {
    webhookEventId: `01TEST${String(seq).padStart(20, '0')}${randomBytes(2).toString('hex').toUpperCase()}`,
    timestamp: Date.now(),
    mode: 'active',
    source: { type: 'user', userId: user },
    deliveryContext: { isRedelivery: false },
    replyToken: randomBytes(16).toString('hex'),
    ...extra,
  };
}

export function textEvent(user: string, text: string, extra: Record<string, unknown> = {}) {
  return {
    ...base(user, extra),
    type: 'message',
    message: { type: 'text', id: String(Date.now()) + seq, quoteToken: 'q', text },
  };
}

export function followEvent(user: string) {
  return { ...base(user), type: 'follow', follow: { isUnblocked: false } };
}

export function unfollowEvent(user: string) {
  const { replyToken: _drop, ...rest } = base(user);
  return { ...rest, type: 'unfollow' };
}

export function postbackEvent(user: string, data: string, params?: Record<string, string>) {
  return { ...base(user), type: 'postback', postback: { data, ...(params ? { params } : {}) } };
}

export function messageEvent(user: string, message: Record<string, unknown>) {
  return { ...base(user), type: 'message', message: { id: String(Date.now()) + seq, ...message } };
}

export function webhookBody(...events: unknown[]): string {
  return JSON.stringify({ destination: 'U' + 'f'.repeat(32), events });
}
