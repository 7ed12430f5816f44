import type { Publication } from './publication.js';
import type { PublicationDraft } from './validate-input.js';

/**
 * A checked draft as the publication every door stores first: scheduled at its publishAt
 * (now, when none was given), so whichever process claims it when due starts its sending.
 */
export function newPublication(
  id: string,
  draft: PublicationDraft,
  author: { actor: string; source: Publication['source'] },
  now: Date,
): Publication {
  return {
    id,
    ...draft,
    createdBy: author.actor,
    source: author.source,
    createdAt: now.toISOString(),
    status: 'scheduled',
    deliveryState: 'waiting',
    publishedAt: null,
    finishedAt: null,
    cancelledAt: null,
    cancelledBy: null,
    failure: null,
  };
}
