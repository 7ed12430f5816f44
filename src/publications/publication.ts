import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TOPIC_IDS } from '../subscriptions/topics.js';
import { bangkokInstant } from '../thai/bangkok-time.js';

/**
 * A publication: news, an announcement, a procurement notice, a measure or a report the
 * municipality sends to the topic's subscribers (or, when urgent, to every friend).
 *
 * status: scheduled → sending → sent, or scheduled → cancelled; failed when LINE refused
 * every batch (the reason is kept). The delivery state says where the fan-out is: waiting
 * (scheduled), sending, quota-exhausted (LINE's monthly limit: staff resume it), done, cancelled.
 */
export const PUBLICATION_STATUSES = ['scheduled', 'sending', 'sent', 'cancelled', 'failed'] as const;
const DELIVERY_STATES = ['waiting', 'sending', 'quota-exhausted', 'done', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const PUBLICATION_ID = /^pub-[a-z0-9-]{4,60}$/;
export const LIMITS = { title: 200, body: 3000, url: 1000, imageUrl: 2000 } as const;

const Iso = z.iso.datetime();
const WebUrl = (max: number, protocols: RegExp) =>
  z.url({ protocol: protocols, hostname: z.regexes.domain }).max(max, `must be at most ${max} characters`);

export const PublicationSchema = z.object({
  id: z.string().regex(PUBLICATION_ID),
  topic: z.enum(TOPIC_IDS),
  title: z.string().min(1).max(LIMITS.title),
  body: z.string().min(1).max(LIMITS.body),
  url: z.string().nullable(),
  imageUrl: z.string().nullable(),
  /** Sent to every friend through LINE's broadcast instead of the topic's subscribers. */
  urgent: z.boolean(),
  /** Staff name (API token or console account), or `cli:<user>` / `import:<user>`. */
  createdBy: z.string().min(1),
  source: z.enum(['api', 'cli', 'import', 'console']),
  createdAt: Iso,
  publishAt: Iso,
  status: z.enum(PUBLICATION_STATUSES),
  deliveryState: z.enum(DELIVERY_STATES),
  /** When sending started: from then on it is answerable in chat and listed in ข่าวล่าสุด. */
  publishedAt: Iso.nullable(),
  finishedAt: Iso.nullable(),
  cancelledAt: Iso.nullable(),
  cancelledBy: z.string().nullable(),
  /** Why it failed, in LINE's words when LINE refused it. */
  failure: z.string().nullable(),
});
export type Publication = z.infer<typeof PublicationSchema>;

/** What staff send (API body, CLI flags, an imported document); unknown fields are refused. */
export const PublicationInputSchema = z
  .object({
    title: z.string().trim().min(1, 'is empty').max(LIMITS.title),
    body: z.string().trim().min(1, 'is empty').max(LIMITS.body),
    topic: z.enum(TOPIC_IDS, { error: `must be one of ${TOPIC_IDS.join(', ')}` }),
    url: WebUrl(LIMITS.url, /^https?$/).optional(),
    imageUrl: WebUrl(LIMITS.imageUrl, /^https$/).optional(),
    publishAt: z
      .string()
      .refine(
        (s) => parseBangkokInstant(s) !== null,
        'must be an ISO 8601 date and time, e.g. 2026-12-01T09:00 (Asia/Bangkok) or 2026-12-01T02:00:00Z',
      )
      .optional(),
    urgent: z.boolean().optional(),
  })
  .strict();

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO 8601 date and time; without an offset it is read as Bangkok wall-clock time
 * (Asia/Bangkok), whatever the machine's zone. Null when it is not one, or names a day
 * or hour that does not exist (2026-02-30, 25:00).
 */
export function parseBangkokInstant(text: string): Date | null {
  const m = INSTANT.exec(text.trim());
  if (!m) return null;
  // Seconds and the fraction are optional groups: undefined when not written
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v: string | undefined) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const zone = m[8]?.toUpperCase();
  // The fraction as written, so .05 is 50 ms (read as a number first, its zero was lost)
  const millis = Number((m[7] ?? '').padEnd(3, '0'));
  // The fields as written, checked on a zone-free calendar: 2026-02-30 and 25:00 do not exist
  const fields = new Date(Date.UTC(y, mo - 1, d, h, mi, s, millis));
  if (
    fields.getUTCMonth() !== mo - 1 ||
    fields.getUTCDate() !== d ||
    fields.getUTCHours() !== h ||
    fields.getUTCMinutes() !== mi
  )
    return null;
  if (zone === undefined) return bangkokInstant(y, mo, d, h, mi, s, millis);
  return new Date(fields.getTime() - (zone === 'Z' ? 0 : offsetMinutes(zone)) * 60_000);
}

function offsetMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

export function newPublicationId(): string {
  return `pub-${Date.now().toString(36)}-${randomBytes(5).toString('hex')}`;
}

/** Body text as LINE shows it: Windows line ends and trailing spaces on lines removed. */
export function cleanBody(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}
