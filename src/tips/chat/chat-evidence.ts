import { LineApiError, type LineGateway } from '../../line/line-gateway.js';
import { ContentTooLarge } from '../../http/read-body.js';
import type { Logger } from '../../logger.js';
import type { EvidenceStore } from '../evidence-store.js';
import { cleanImage, ImageRejected } from '../images/clean-image.js';
import { TIP_LIMITS, type Attachment } from '../tip-model.js';
import { CHAT } from '../tip-texts.js';

export interface EvidenceDeps {
  line: LineGateway;
  files: EvidenceStore;
  logger: Logger;
}

/**
 * An image sent during the tip flow, taken at once (LINE keeps content only briefly):
 * downloaded from the data API with a 10 MB cap, stripped of metadata, encrypted to disk.
 * Returns the attachment, or the Thai sentence saying why it was not taken.
 */
export async function receiveImage(
  deps: EvidenceDeps,
  image: { messageId: string; external: boolean },
  have: number,
  now: Date,
): Promise<Attachment | { refused: string }> {
  if (have >= TIP_LIMITS.images) return { refused: CHAT.imagesFull };
  if (image.external) return { refused: CHAT.imageType };
  let bytes: Buffer;
  try {
    bytes = await deps.line.getContent(image.messageId, TIP_LIMITS.imageBytes);
  } catch (err) {
    if (err instanceof ContentTooLarge) return { refused: CHAT.imageTooLarge };
    if (err instanceof LineApiError || err instanceof RangeError) {
      deps.logger.warn('tip evidence download failed', { status: err instanceof LineApiError ? err.status : null });
      return { refused: CHAT.imageFailed };
    }
    throw err;
  }
  try {
    const clean = cleanImage(bytes, TIP_LIMITS.imageBytes);
    const id = await deps.files.put(clean.bytes);
    return { id, type: clean.type, bytes: clean.bytes.length, addedAt: now.toISOString() };
  } catch (err) {
    if (err instanceof ImageRejected)
      return { refused: err.reason === 'too-large' ? CHAT.imageTooLarge : CHAT.imageType };
    throw err;
  }
}
