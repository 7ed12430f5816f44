import { LineApiError } from './line-gateway.js';
import { TimeoutError } from '../timers.js';

/** What one delivery request's answer means for its batch. */
export type Outcome =
  | { kind: 'accepted'; requestId: string | null }
  /** 5xx, network error, no answer in time: LINE may have taken it; retry with the same key. */
  | { kind: 'retry'; reason: string; requestId: string | null }
  /** 429 other than the monthly limit: LINE refused it for now; back off (at least its Retry-After) and retry. */
  | { kind: 'throttled'; requestId: string | null; retryAfterMs?: number }
  /** 429 "You have reached your monthly limit.": stop until staff resume. */
  | { kind: 'quota'; requestId: string | null }
  /** Any other 4xx: never retried; LINE's details are kept. */
  | { kind: 'failed'; status: number | null; message: string; details?: unknown; requestId: string | null };

const MONTHLY_LIMIT = /monthly limit/i;

/** Reads LINE's error body `{"message", "details"?}` (anything else is kept as text). */
function lineBody(body: string): { message: string; details?: unknown } {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; details?: unknown } | null;
    if (typeof parsed?.message === 'string')
      return { message: parsed.message, ...(parsed.details !== undefined ? { details: parsed.details } : {}) };
  } catch {
    // not JSON: keep the text
  }
  return { message: body.slice(0, 500) || 'no message' };
}

/** Classifies a failed request (a 409 means LINE accepted this retry key before: delivered). */
export function outcomeOf(err: unknown): Outcome {
  if (err instanceof TimeoutError) return { kind: 'retry', reason: err.message, requestId: null };
  if (!(err instanceof LineApiError)) {
    return {
      kind: 'failed',
      status: null,
      message: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      requestId: null,
    };
  }
  const { status, requestId } = err;
  if (status === null) return { kind: 'retry', reason: `network: ${err.body.slice(0, 200)}`, requestId };
  if (status === 409) return { kind: 'accepted', requestId: err.acceptedRequestId ?? requestId };
  if (status >= 500) return { kind: 'retry', reason: `LINE answered ${status}`, requestId };
  const body = lineBody(err.body);
  if (status === 429)
    return MONTHLY_LIMIT.test(body.message)
      ? { kind: 'quota', requestId }
      : { kind: 'throttled', requestId, ...(err.retryAfterMs !== null ? { retryAfterMs: err.retryAfterMs } : {}) };
  return { kind: 'failed', status, ...body, requestId };
}
