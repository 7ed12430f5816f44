import type { Batch } from '../publications/outbox.js';
import { iso } from './tenant-scope.js';

/** The columns of delivery_batches a Batch is made of (recipients_sealed apart). */
export const COLUMNS = `publication_id, n, kind, retry_key, planned, sent, state, frozen_at, ambiguous_since, attempts,
  last_attempt_at, request_id, settled_at, error`;
/** The same columns of the table named `d` (beside a CTE that has some of them). */
export const D_COLUMNS = COLUMNS.replace(/(\w+)/g, 'd.$1');
/** A delivery_batches row as read back. */
export interface Row {
  publication_id: string;
  n: number;
  kind: Batch['kind'];
  retry_key: string;
  planned: number;
  sent: number | null;
  state: Batch['state'];
  frozen_at: Date | null;
  ambiguous_since: Date | null;
  attempts: number;
  last_attempt_at: Date | null;
  request_id: string | null;
  settled_at: Date | null;
  error: Batch['error'];
}

export const toBatch = (r: Row): Batch => ({
  id: `${r.publication_id}/${r.n}`,
  pub: r.publication_id,
  n: r.n,
  kind: r.kind,
  retryKey: r.retry_key,
  planned: r.planned,
  sent: r.sent,
  state: r.state,
  frozenAt: iso(r.frozen_at),
  ambiguousSince: iso(r.ambiguous_since),
  attempts: r.attempts,
  lastAttemptAt: iso(r.last_attempt_at),
  requestId: r.request_id,
  settledAt: iso(r.settled_at),
  error: r.error,
});

/** "pub-x/3" → ["pub-x", 3] (publication ids have no slash). */
export function splitId(id: string): [string, number] {
  const at = id.lastIndexOf('/');
  return [id.slice(0, at), Number(id.slice(at + 1))];
}
