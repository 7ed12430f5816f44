import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) for anything private kept on disk: tip contents,
 * a confidential reporter's user id, webhook events waiting to be handled. A sealed value
 * is `v1.<iv>.<tag>.<ciphertext>` in base64url; a changed byte makes `open` throw.
 */
const VERSION = 'v1';

export class SealError extends Error {
  override name = 'SealError';
}

const IV_BYTES = 12;
/** Random bytes fetched 256 IVs at a time (one call to the CSPRNG instead of one per value); no byte is used twice. */
let ivPool = Buffer.alloc(0);
let ivNext = 0;

function freshIv(): Buffer {
  if (ivNext + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * 256);
    ivNext = 0;
  }
  ivNext += IV_BYTES;
  return ivPool.subarray(ivNext - IV_BYTES, ivNext);
}

export function seal(key: Buffer, plaintext: string | Buffer): string {
  if (key.length !== 32) throw new SealError('key must be 32 bytes');
  const iv = freshIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([
    typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext),
    cipher.final(),
  ]);
  return `${VERSION}.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
}

export function openSealed(key: Buffer, sealed: string): Buffer {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SealError('not a sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
  } catch {
    throw new SealError('sealed value is damaged or the key is wrong');
  }
}

export function openSealedText(key: Buffer, sealed: string): string {
  return openSealed(key, sealed).toString('utf8');
}
