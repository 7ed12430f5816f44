import type { Feature } from '../bot/feature.js';
import { createPublicationApi, type PublicationApiDeps } from './publication-api.js';

/**
 * Publishing as a feature: the staff JSON API at /staff/api/publications, and the delivery
 * work (scheduled publications, retries) started and stopped with the bot. What residents
 * see of publications is the subscriptions feature's (ข่าวล่าสุด, a publication in full).
 */
export function publicationFeature(deps: PublicationApiDeps): Feature {
  return {
    name: 'publications',
    routes: [{ mount: 'staff-api', path: '/publications', router: createPublicationApi(deps) }],
    start: () => deps.publishing.start(),
    close: () => deps.publishing.close(),
  };
}
