import { createCipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EVIDENCE_ID, EVIDENCE_LAYOUT, newEvidenceId, openEvidence, type EvidenceStore } from './evidence-store.js';

/**
 * Evidence images on disk under DATA_DIR/tips/files/, one file per image, each encrypted
 * (AES-256-GCM with the tips key; layout: 12-byte IV, 16-byte tag, ciphertext). File names
 * are random, so they say nothing about the tip or the reporter. The same folder holds the
 * images of drafts still being written; a sweep removes those no draft or tip refers to.
 */
const { iv: IV, tag: TAG } = EVIDENCE_LAYOUT;
const CHUNK = 64 * 1024;
const ID = EVIDENCE_ID;

export class EvidenceFiles implements EvidenceStore {
  constructor(
    readonly dir: string,
    private readonly key: Buffer,
  ) {}

  private file(id: string): string {
    if (!ID.test(id)) throw new RangeError('not an evidence file id');
    return path.join(this.dir, `${id}.bin`);
  }

  /**
   * Encrypts and writes the bytes (durably), 64 KB at a time so no second copy of an image is
   * made; returns the new file's id. The tag is known only at the end: it is written into its
   * place in the header last. A failed write leaves no file behind.
   */
  async put(bytes: Buffer): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = newEvidenceId();
    const iv = randomBytes(IV);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const handle = await fs.open(this.file(id), 'wx', 0o600);
    try {
      await handle.write(iv, 0, IV, 0);
      let at = IV + TAG;
      for (let from = 0; from < bytes.length; from += CHUNK) {
        const sealed = cipher.update(bytes.subarray(from, from + CHUNK));
        await handle.write(sealed, 0, sealed.length, at);
        at += sealed.length;
      }
      // GCM is a stream mode: final() adds no bytes, only makes the tag
      cipher.final();
      await handle.write(cipher.getAuthTag(), 0, TAG, IV);
      await handle.sync();
    } catch (err) {
      await handle.close();
      await this.delete(id);
      throw err;
    }
    await handle.close();
    return id;
  }

  /** The decrypted bytes; throws when the file is missing or was changed. */
  async read(id: string): Promise<Buffer> {
    return openEvidence(this.key, await fs.readFile(this.file(id)));
  }

  async delete(id: string): Promise<void> {
    await fs.rm(this.file(id), { force: true });
  }

  /** Removes files older than `before` that `keep` does not name (abandoned drafts, crashes). */
  async sweep(keep: ReadonlySet<string>, before: Date): Promise<number> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const id = name.replace(/\.bin$/, '');
      if (!ID.test(id) || keep.has(id)) continue;
      const stat = await fs.stat(path.join(this.dir, name)).catch(() => null);
      if (stat && stat.mtime < before) {
        await this.delete(id);
        removed += 1;
      }
    }
    return removed;
  }
}
