import { addBangkokMonths } from '../thai/bangkok-time.js';
import { cleanBody, parseBangkokInstant, PublicationInputSchema, type Publication } from './publication.js';
import { PublishError } from './publish-error.js';

/** How far publishAt may lie in the past (clock skew, a slow form); ahead, up to a year on Bangkok's calendar. */
const PAST_TOLERANCE_MS = 5 * 60_000;

export type PublicationDraft = Pick<
  Publication,
  'topic' | 'title' | 'body' | 'url' | 'imageUrl' | 'urgent' | 'publishAt'
>;

/**
 * The one validation every door uses (staff API, `npm run publish`, import): the zod schema,
 * then the time rules against `now`. Throws a ZodError or a PublishError naming the field.
 */
export function validatePublicationInput(input: unknown, now: Date): PublicationDraft {
  const parsed = PublicationInputSchema.parse(input);
  const at = parsed.publishAt ? parseBangkokInstant(parsed.publishAt)! : now;
  const refuse = (message: string) =>
    new PublishError('invalid', `publishAt ${message}`, [{ path: 'publishAt', message }]);
  if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw refuse('is in the past');
  if (at > addBangkokMonths(now, 12)) throw refuse('is more than a year ahead');
  return {
    topic: parsed.topic,
    title: parsed.title.replace(/\s+/g, ' '),
    body: cleanBody(parsed.body),
    url: parsed.url ?? null,
    imageUrl: parsed.imageUrl ?? null,
    urgent: parsed.urgent ?? false,
    publishAt: at.toISOString(),
  };
}
