import { z } from 'zod';

/**
 * The content the bot answers from. Everything here is produced by the importer
 * (`npm run import -- FILE`) from the municipality's own documents; nothing is hand-typed.
 * Official text is kept as written, typos included.
 */

/** A table cell: plain text, or a list when the source held <ul>/<ol>/<li> or ๑. ๒. items. */
export const CellSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string() }),
  z.object({ kind: z.literal('list'), items: z.array(z.string().min(1)).min(1) }),
]);
export type Cell = z.infer<typeof CellSchema>;

/** The overall ITA score of one agency for one fiscal year. */
export const ItaResultSchema = z.object({
  id: z.string().min(1),
  agency: z.string().min(1),
  district: z.string().min(1),
  province: z.string().min(1),
  /** Buddhist-era fiscal year, e.g. 2568. */
  fiscalYear: z.number().int().min(2400).max(2700),
  /** Overall score out of 100, e.g. 93.05. */
  score: z.number().min(0).max(100),
  /** The report's title line, as written. */
  title: z.string().min(1),
  /** The paragraph that states the result, as written. */
  summary: z.string(),
});
export type ItaResult = z.infer<typeof ItaResultSchema>;

/** One row of the report table: a measure and what was done under it. */
export const MeasureSchema = z.object({
  id: z.string().min(1),
  /** ลำดับ, as an Arabic number. */
  order: z.number().int().positive(),
  /** มาตรการ/กิจกรรม */
  title: z.string().min(1),
  /** วิธีการ */
  method: CellSchema,
  /** ระยะเวลาการดำเนินการ */
  period: CellSchema,
  /** ผู้รับผิดชอบ */
  owner: CellSchema,
  /** สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม */
  summary: CellSchema,
  /** ผลลัพธ์หรือความสำเร็จในการดำเนินการ */
  outcome: CellSchema,
  /** งบประมาณ */
  budget: CellSchema,
});
export type Measure = z.infer<typeof MeasureSchema>;

export interface AnnouncementItem {
  /** The item's number as written (Thai digits), e.g. "๒" or "๒.๑". */
  number: string;
  text: string;
  subItems: AnnouncementItem[];
}
export const AnnouncementItemSchema: z.ZodType<AnnouncementItem> = z.lazy(() =>
  z.object({
    number: z.string().min(1),
    text: z.string().min(1),
    subItems: z.array(AnnouncementItemSchema),
  }),
);

export const AnnouncementSectionSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  items: z.array(AnnouncementItemSchema).min(1),
});
export type AnnouncementSection = z.infer<typeof AnnouncementSectionSchema>;

/** An announcement (ประกาศ) with its numbered sections. */
export const AnnouncementSchema = z.object({
  id: z.string().min(1),
  /** The issuing agency as written in the heading, e.g. "เทศบาลตำบลโพธาราย". */
  agency: z.string().min(1),
  /** เรื่อง ..., without the word เรื่อง. */
  subject: z.string().min(1),
  preamble: z.string(),
  sections: z.array(AnnouncementSectionSchema),
  /** ISO date (yyyy-mm-dd, Gregorian) of the announcement. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The date line as written, e.g. "๑๐ เดือน มกราคม พ.ศ. ๒๕๖๘". */
  dateText: z.string().min(1),
  signer: z.string().min(1),
  position: z.string().min(1),
});
export type Announcement = z.infer<typeof AnnouncementSchema>;

/** One imported source document and everything taken from it. */
export const ContentDocumentSchema = z.object({
  /** Stable id derived from the source's content, so re-importing is idempotent. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  source: z.object({
    /** File name (no directories) the document was imported from. */
    fileName: z.string().min(1),
    /** SHA-256 of the source bytes, hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  ita: ItaResultSchema.optional(),
  measures: z.array(MeasureSchema),
  announcement: AnnouncementSchema.optional(),
});
export type ContentDocument = z.infer<typeof ContentDocumentSchema>;
