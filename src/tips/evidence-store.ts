import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Where evidence images are kept, sealed: files under DATA_DIR/tips/files/ for one town
 * (EvidenceFiles), a tenant's rows in PostgreSQL for the shared service (PostgresEvidence), so
 * an image received by one bot process is shown by the console of another. Ids are random
 * (22 base64url characters) and say nothing about the tip or the reporter.
 */
export interface EvidenceStore {
  /** Seals and keeps the bytes; returns the new image's id. */
  put(bytes: Buffer): Promise<string>;
  /** The opened bytes; throws when the image is missing or was changed. */
  read(id: string): Promise<Buffer>;
  delete(id: string): Promise<void>;
  /** Removes images older than `before` that `keep` does not name (abandoned drafts, crashes). */
  sweep(keep: ReadonlySet<string>, before: Date): Promise<number>;
}

/** An evidence id: 16 random bytes in base64url. */
export const EVIDENCE_ID = /^[A-Za-z0-9_-]{22}$/;
export const newEvidenceId = (): string => randomBytes(16).toString('base64url');

/** The sealed layout of both backends: 12-byte IV, 16-byte tag, then the AES-256-GCM ciphertext. */
export const EVIDENCE_LAYOUT = { iv: 12, tag: 16 } as const;

/** Seals an image in memory (the database backend; the file backend seals as it writes). */
export function sealEvidence(key: Buffer, bytes: Buffer): Buffer {
  const iv = randomBytes(EVIDENCE_LAYOUT.iv);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** Opens a sealed image; throws when a byte was changed or the key is wrong. */
export function openEvidence(key: Buffer, sealed: Buffer): Buffer {
  const { iv, tag } = EVIDENCE_LAYOUT;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, iv));
  decipher.setAuthTag(sealed.subarray(iv, iv + tag));
  return Buffer.concat([decipher.update(sealed.subarray(iv + tag)), decipher.final()]);
}
