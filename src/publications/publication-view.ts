import type { Batch, Figures } from './outbox.js';
import type { DeliveryState, Publication } from './publication.js';

export interface BatchView {
  n: number;
  kind: 'multicast' | 'broadcast';
  recipients: number;
  state: 'pending' | 'accepted' | 'failed' | 'dropped';
  attempts: number;
  /** x-line-request-id of the request LINE accepted (or of its last answer). */
  lineRequestId: string | null;
  error: { status: number | null; message: string; details?: unknown; requestId: string | null } | null;
}

export type PublicationView = Publication & {
  delivery: Figures & { state: DeliveryState; batches: BatchView[] };
};

/** A publication as staff see it: its fields and its delivery, batch by batch (no user ids). */
export function publicationView(pub: Publication, stored: readonly Batch[], figures: Figures): PublicationView {
  const batches = stored.map((b) => ({
    n: b.n,
    kind: b.kind,
    recipients: b.sent ?? b.planned,
    state: b.state,
    attempts: b.attempts,
    lineRequestId: b.requestId,
    error: b.error,
  }));
  return { ...pub, delivery: { ...figures, state: pub.deliveryState, batches } };
}
