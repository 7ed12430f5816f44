import { z } from 'zod';

/**
 * Postback data carried by buttons and quick replies. Encoded as a short query string
 * (`a=measure&id=...`) to stay under LINE's 300-character limit; parsed with zod at the
 * boundary, so forged or stale data becomes `null` and a polite "button expired" reply.
 */
const Id = z.string().regex(/^[a-z0-9-]{1,80}$/);
const QuestionId = z.string().regex(/^[a-z0-9]{8,24}$/);
const Page = z.coerce.number().int().min(0).max(50);

export const PostbackSchema = z.discriminatedUnion('a', [
  z.object({ a: z.literal('menu') }),
  z.object({ a: z.literal('help') }),
  // `id`: an older fiscal year's result or announcement (none: the newest).
  z.object({ a: z.literal('ita'), id: Id.optional() }),
  z.object({ a: z.literal('measures') }),
  z.object({ a: z.literal('measure'), id: Id, page: Page.optional() }),
  z.object({ a: z.literal('announcement'), page: Page.optional(), id: Id.optional() }),
  z.object({ a: z.literal('section'), id: Id }),
  // Subscriptions: the settings card, one topic on/off, all on/off, a publication in full.
  z.object({ a: z.literal('topics') }),
  z.object({ a: z.literal('topic'), id: Id, on: z.enum(['0', '1']) }),
  z.object({ a: z.literal('topics-all'), on: z.enum(['0', '1']) }),
  z.object({ a: z.literal('pub'), id: Id }),
  // PDPA erasure: confirmed (ok=1) or declined, `t` = minute the question was asked (expires).
  z.object({ a: z.literal('erase'), ok: z.enum(['0', '1']), t: z.coerce.number().int().nonnegative() }),
  // The tip flow's date-time picker (the chosen time comes in the event's params).
  z.object({ a: z.literal('tip-when') }),
  // The tip channel's long explanation (who reads a tip, deadlines, outside channels).
  z.object({ a: z.literal('tip-info') }),
  // Was this answer helpful? `q` = the question's id in the question log, v=1 yes, v=0 no.
  z.object({ a: z.literal('fb'), q: QuestionId, v: z.enum(['0', '1']) }),
]);
export type Postback = z.infer<typeof PostbackSchema>;
export type PostbackAction = Postback['a'];

export function encodePostback(postback: Postback): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(postback)) {
    if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/** Parses postback data; null when it is malformed, unknown or from an older version. */
export function parsePostback(data: string): Postback | null {
  if (data.length > 300) return null;
  const parsed = PostbackSchema.safeParse(Object.fromEntries(new URLSearchParams(data)));
  return parsed.success ? parsed.data : null;
}

/** Any feature's button data: the action `a` and the fields its owner's schema reads. */
export type PostbackData = { a: string } & { [field: string]: string | number | undefined };

/** Reads decoded fields with the owning feature's schema (null: unknown action or data outside it). */
export type PostbackParser = (fields: { a: string } & Record<string, string>) => PostbackData | null;

/** The data's fields, or null when it is too long or names no action. Reads, never validates. */
export function decodePostback(data: string): ({ a: string } & Record<string, string>) | null {
  if (data.length > 300) return null;
  const fields = Object.fromEntries(new URLSearchParams(data));
  const action = fields.a;
  return action ? { ...fields, a: action } : null;
}

/** Parses postback data with the owning feature's schema (see FeatureRegistry.parsePostback). */
export function parsePostbackWith(parse: PostbackParser, data: string): PostbackData | null {
  const fields = decodePostback(data);
  return fields ? parse(fields) : null;
}
