import type { AttachmentType } from '../tip-model.js';
import { ImageRejected } from './image-rejected.js';
import { cleanJpeg } from './jpeg-clean.js';
import { cleanPng, isPng } from './png-clean.js';

/**
 * An evidence image made safe to keep: the type is read from the bytes (never from a file
 * name or a declared content type), only JPEG and PNG are taken, and every piece of
 * metadata that could identify the person, the phone or the place is removed.
 */
export function cleanImage(bytes: Buffer, maxBytes: number): { type: AttachmentType; bytes: Buffer } {
  if (bytes.length > maxBytes) throw new ImageRejected('too-large', `${bytes.length} bytes`);
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { type: 'image/jpeg', bytes: cleanJpeg(bytes) };
  if (isPng(bytes)) return { type: 'image/png', bytes: cleanPng(bytes) };
  throw new ImageRejected('type', 'not JPEG or PNG');
}

export { ImageRejected };
