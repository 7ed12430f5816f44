import type { EvidenceStore } from '../evidence-store.js';
import { cleanImage, ImageRejected } from '../images/clean-image.js';
import { TIP_LIMITS, type Attachment } from '../tip-model.js';
import { field, type FilePart, type FormLimits, type ReadForm } from './form-body.js';
import type { FormValues } from './tip-pages.js';

const MB = 1024 * 1024;

/**
 * The tip and add forms' memory ceiling per request: one image of at most 10 MB and its
 * cleaned copy (20 MB; the test measures 18 MB for 9 MB images), the text fields (at most
 * 6 × 800 KB, enough for 200,000 letters of any script) and busboy's buffers: about 25 MB,
 * whatever is sent. Five images of 10 MB with their framing fit in `maxBytes`; past it the
 * rest of the body is read and dropped.
 */
export const TIP_FORM_LIMITS: FormLimits = {
  maxBytes: TIP_LIMITS.images * TIP_LIMITS.imageBytes + MB,
  fileBytes: TIP_LIMITS.imageBytes,
  fieldBytes: 800 * 1024,
  fields: 6,
};
export const ADD_FORM_LIMITS: FormLimits = { ...TIP_FORM_LIMITS, fields: 3 };

export const TOO_MUCH = 'ไฟล์ที่ส่งรวมกันใหญ่เกินไป (รูปละไม่เกิน 10 MB ไม่เกิน 5 รูป)';

/**
 * The evidence images of one form, taken as they arrive: each is checked by its bytes (the
 * name and the declared type are ignored), stripped of metadata and written encrypted, so
 * only one image is ever in memory. Errors name the file as the reporter chose it (the page
 * escapes it). A refused form calls `discard`, so none of its images stays on disk.
 */
export class ImageIntake {
  readonly attachments: Attachment[] = [];
  private readonly refusals: string[] = [];
  private chosen = 0;

  constructor(
    private readonly store: EvidenceStore,
    private readonly now: Date,
  ) {}

  /** busboy's file callback: parts of other fields and the empty part of an unused file input are dropped. */
  readonly take = async (part: FilePart): Promise<void> => {
    if (part.field !== 'evidence' || (part.bytes?.length === 0 && !part.tooLarge)) return;
    this.chosen += 1;
    if (this.chosen > TIP_LIMITS.images) return;
    if (part.tooLarge) return void this.refusals.push(`ไฟล์ “${part.filename}” ใหญ่เกิน 10 MB`);
    try {
      const clean = cleanImage(part.bytes, TIP_LIMITS.imageBytes);
      const id = await this.store.put(clean.bytes);
      this.attachments.push({ id, type: clean.type, bytes: clean.bytes.length, addedAt: this.now.toISOString() });
    } catch (err) {
      if (!(err instanceof ImageRejected)) throw err;
      this.refusals.push(
        err.reason === 'too-large'
          ? `ไฟล์ “${part.filename}” ใหญ่เกิน 10 MB`
          : `ไฟล์ “${part.filename}” ไม่ใช่รูป JPEG หรือ PNG ที่อ่านได้`,
      );
    }
  };

  /** What is wrong with the images (and with the form's size), in Thai; empty when all were kept. */
  errors(form: ReadForm): string[] {
    const count =
      this.chosen > TIP_LIMITS.images ? [`ส่งรูปได้ไม่เกิน ${TIP_LIMITS.images} รูป (เลือกมา ${this.chosen} รูป)`] : [];
    return [...(form.overflow ? [TOO_MUCH] : []), ...count, ...this.refusals];
  }

  /** Deletes every image this form stored (the form was refused or failed). */
  async discard(): Promise<void> {
    await Promise.all(this.attachments.splice(0).map((a) => this.store.delete(a.id)));
  }
}

/** A new tip's fields from the form, with every refusal in Thai (text kept for the form). */
export function readTipFields(form: ReadForm): { values: Required<FormValues>; errors: string[] } {
  const values = {
    n: field(form, 'n'),
    what: field(form, 'what'),
    who: field(form, 'who'),
    when: field(form, 'when'),
    where: field(form, 'where'),
  };
  const errors: string[] = [];
  if (!values.what) errors.push('กรุณาเล่าเหตุการณ์ที่พบ (ช่อง “เกิดอะไรขึ้น”)');
  if (values.what.length > TIP_LIMITS.whatChars)
    errors.push(
      `เล่าเหตุการณ์ได้ไม่เกิน ${TIP_LIMITS.whatChars.toLocaleString('en-US')} ตัวอักษร (ตอนนี้ ${values.what.length.toLocaleString('en-US')})`,
    );
  for (const [name, label] of [
    ['who', 'ผู้เกี่ยวข้อง'],
    ['when', 'เมื่อไร'],
    ['where', 'ที่ไหน'],
  ] as const) {
    if (values[name].length > TIP_LIMITS.fieldChars)
      errors.push(`ช่อง “${label}” ยาวได้ไม่เกิน ${TIP_LIMITS.fieldChars.toLocaleString('en-US')} ตัวอักษร`);
  }
  return { values, errors };
}
