import { z } from 'zod';

/**
 * A corruption tip as stored. What the reporter said, the staff's notes, the outcome and a
 * confidential reporter's LINE user id are sealed (AES-256-GCM, tips subkey); what is left in
 * clear is what deadlines, filters and statistics need: status, dates, channel, counts.
 * An anonymous tip has no reporter field at all, ever.
 */
export const TIP_STATUSES = ['received', 'assessing', 'investigating', 'referred', 'closed'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

/**
 * Thai names of the statuses, in the order a tip moves through them: the one table the chat,
 * the web pages, the console, its CSV and the audit sentences all show.
 */
export const TIP_STATUS_NAMES: Record<TipStatus, string> = {
  received: 'รับเรื่อง',
  assessing: 'กำลังพิจารณา',
  investigating: 'กำลังตรวจสอบ',
  referred: 'ส่งต่อหน่วยงานอื่น',
  closed: 'ปิดเรื่อง',
};

/** The Thai name of a status id read back from a record or an audit entry (an unknown id as it is). */
export const tipStatusName = (id: string): string =>
  Object.hasOwn(TIP_STATUS_NAMES, id) ? TIP_STATUS_NAMES[id as TipStatus] : id;

/** Images only, and only after their metadata was removed. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const FileId = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
const Iso = z.iso.datetime();

export const AttachmentSchema = z.object({
  id: FileId,
  type: z.enum(ATTACHMENT_TYPES),
  bytes: z.number().int().positive(),
  addedAt: Iso,
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** What the reporter told, as sealed in `content`. */
export const TipContentSchema = z.object({
  what: z.string(),
  who: z.string().nullable(),
  when: z.string().nullable(),
  where: z.string().nullable(),
  /** Information added later with the receipt. */
  additions: z.array(z.object({ at: Iso, text: z.string() })).default([]),
});
export type TipContent = z.infer<typeof TipContentSchema>;

const SealedNote = z.object({ at: Iso, sealed: z.string() });

export const TipRecordSchema = z.object({
  v: z.literal(1),
  id: z.string().regex(/^[a-z0-9]{12}$/),
  /** The staff's readable number, "2569-0012" (src/tips/tip-number.ts); tips filed before it existed get one when the store opens. */
  number: z
    .string()
    .regex(/^\d{4}-\d{4,}$/)
    .optional(),
  /** scrypt of the receipt; null once the content was deleted under the retention rule. */
  receiptHash: z.string().nullable(),
  channel: z.enum(['line', 'web']),
  identity: z.enum(['anonymous', 'confidential']),
  status: z.enum(TIP_STATUSES),
  receivedAt: Iso,
  updatedAt: Iso,
  /** First move away from "received": the 7-day acknowledgement deadline is met. */
  acknowledgedAt: Iso.nullable(),
  /** First answer the reporter can read (a public note, a referral, the closing): the 90-day deadline is met. */
  feedbackAt: Iso.nullable(),
  closedAt: Iso.nullable(),
  purgedAt: Iso.nullable(),
  content: z.string().nullable(),
  /** Confidential reporters who asked for progress notices only: their sealed LINE user id. */
  reporter: z.string().nullable().optional(),
  attachments: z.array(AttachmentSchema),
  /** Kept after the retention purge, for statistics. */
  attachmentCount: z.number().int().min(0),
  publicNotes: z.array(SealedNote),
  internalNotes: z.array(SealedNote.extend({ by: z.string() })),
  outcome: z.string().nullable(),
  history: z.array(z.object({ at: Iso, from: z.enum(TIP_STATUSES), to: z.enum(TIP_STATUSES), by: z.string() })),
});
export type TipRecord = z.infer<typeof TipRecordSchema>;

/** A new tip as a channel hands it over (already validated and capped). */
export interface NewTip {
  channel: 'line' | 'web';
  content: Omit<TipContent, 'additions'>;
  attachments: Attachment[];
  /** The LINE user id to notify of progress; only for confidential reporters who opted in. */
  notifyUserId: string | null;
}

/** Limits shared by every channel. */
export const TIP_LIMITS = {
  /** Characters of "what happened" (several chat messages together). */
  whatChars: 200_000,
  /** Characters of each short field (who, when, where) and of an addition. */
  fieldChars: 2_000,
  additionChars: 20_000,
  images: 5,
  imageBytes: 10 * 1024 * 1024,
  tipsPerUserPerDay: 5,
} as const;
