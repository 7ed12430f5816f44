import type { FanOutOptions } from './fan-out-options.js';
import type { Batch } from './outbox.js';
import { retryDelay } from '../line/pacer.js';

export type RetryOptions = Pick<FanOutOptions, 'firstRetryMs' | 'maxRetryMs' | 'retryWindowMs'>;

/**
 * When a batch LINE did not take goes again, the same for the town's FanOut and a tenant's
 * ClaimedSender: backoff with jitter after its `attempts`th attempt, at least `atLeastMs`
 * (LINE's Retry-After, capped at the longest backoff). Past the retry window since the first
 * attempt LINE may have taken without answering, it must not go again (LINE forgets the
 * retry key, so a retry could deliver twice): the answer is why it fails instead.
 */
export function retryPlan(
  batch: Pick<Batch, 'attempts' | 'ambiguousSince'>,
  now: number,
  opts: RetryOptions,
  random: () => number,
  atLeastMs = 0,
): { delayMs: number } | { failed: string } {
  const backoff = retryDelay(batch.attempts, random, opts.firstRetryMs, opts.maxRetryMs);
  const delayMs = Math.max(backoff, Math.min(atLeastMs, opts.maxRetryMs));
  const windowEnd = batch.ambiguousSince ? Date.parse(batch.ambiguousSince) + opts.retryWindowMs : Infinity;
  if (now + delayMs <= windowEnd) return { delayMs };
  return {
    failed: `no answer from LINE for 24 hours after ${batch.attempts} attempts; retrying later could deliver twice`,
  };
}
