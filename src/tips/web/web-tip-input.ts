import type { EvidenceFiles } from '../evidence-files.js';
import { cleanImage, ImageRejected } from '../images/clean-image.js';
import { TIP_LIMITS, type Attachment, type AttachmentType } from '../tip-model.js';
import { field, files } from './form-body.js';
import type { FormValues } from './tip-pages.js';

type CleanImage = { type: AttachmentType; bytes: Buffer };

/**
 * The evidence files of a form, each checked by its bytes (the name and the declared type
 * are ignored) and stripped of metadata. Errors name the file as the reporter chose it;
 * the page escapes the name like any other text.
 */
export async function takeImages(form: FormData): Promise<{ images: CleanImage[]; errors: string[] }> {
  const chosen = files(form, 'evidence');
  if (chosen.length > TIP_LIMITS.images) return { images: [], errors: [`ส่งรูปได้ไม่เกิน ${TIP_LIMITS.images} รูป (เลือกมา ${chosen.length} รูป)`] };
  const images: CleanImage[] = [];
  const errors: string[] = [];
  for (const file of chosen) {
    try {
      images.push(cleanImage(Buffer.from(await file.arrayBuffer()), TIP_LIMITS.imageBytes));
    } catch (err) {
      if (!(err instanceof ImageRejected)) throw err;
      errors.push(err.reason === 'too-large' ? `ไฟล์ “${file.name}” ใหญ่เกิน 10 MB` : `ไฟล์ “${file.name}” ไม่ใช่รูป JPEG หรือ PNG ที่อ่านได้`);
    }
  }
  return { images, errors };
}

/** A new tip's fields and images from the form, with every refusal in Thai (text kept for the form). */
export async function readTipForm(form: FormData): Promise<{ values: Required<FormValues>; images: CleanImage[]; errors: string[] }> {
  const values = { n: field(form, 'n'), what: field(form, 'what'), who: field(form, 'who'), when: field(form, 'when'), where: field(form, 'where') };
  const errors: string[] = [];
  if (!values.what) errors.push('กรุณาเล่าเหตุการณ์ที่พบ (ช่อง “เกิดอะไรขึ้น”)');
  if (values.what.length > TIP_LIMITS.whatChars) errors.push(`เล่าเหตุการณ์ได้ไม่เกิน ${TIP_LIMITS.whatChars.toLocaleString('en-US')} ตัวอักษร (ตอนนี้ ${values.what.length.toLocaleString('en-US')})`);
  for (const [name, label] of [['who', 'ผู้เกี่ยวข้อง'], ['when', 'เมื่อไร'], ['where', 'ที่ไหน']] as const) {
    if (values[name].length > TIP_LIMITS.fieldChars) errors.push(`ช่อง “${label}” ยาวได้ไม่เกิน ${TIP_LIMITS.fieldChars.toLocaleString('en-US')} ตัวอักษร`);
  }
  const { images, errors: imageErrors } = await takeImages(form);
  return { values, images, errors: [...errors, ...imageErrors] };
}

/** Encrypts the cleaned images to disk as a tip's attachments. */
export async function storeImages(store: EvidenceFiles, images: readonly CleanImage[], now: Date): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const image of images) out.push({ id: await store.put(image.bytes), type: image.type, bytes: image.bytes.length, addedAt: now.toISOString() });
  return out;
}
