import { createDecipheriv } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EvidenceFiles } from '../../src/tips/evidence-files.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEY = Buffer.alloc(32, 9);

describe('evidence files on disk', () => {
  it('when an image of several chunks is kept, then it reads back whole, the file is IV, tag, ciphertext, and holds no plain byte run', async () => {
    const store = new EvidenceFiles(path.join(await tempDir(), 'files'), KEY);
    const image = Buffer.alloc(300 * 1024 + 17, 'PLAINTEXT-');
    const id = await store.put(image);
    expect((await store.read(id)).equals(image)).toBe(true);
    const sealed = await fs.readFile(path.join(store.dir, `${id}.bin`));
    expect(sealed.length).toBe(12 + 16 + image.length);
    expect(sealed.includes(Buffer.from('PLAINTEXT-'))).toBe(false);
    // The layout any reader of the old one-piece files expects
    const decipher = createDecipheriv('aes-256-gcm', KEY, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    expect(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).equals(image)).toBe(true);
    expect((await fs.stat(path.join(store.dir, `${id}.bin`))).mode & 0o777).toBe(0o600);
  });

  it('when a byte of a kept file is changed, then reading it fails; an empty image round-trips', async () => {
    const store = new EvidenceFiles(path.join(await tempDir(), 'files'), KEY);
    const id = await store.put(Buffer.from('evidence'));
    const file = path.join(store.dir, `${id}.bin`);
    const sealed = await fs.readFile(file);
    sealed[sealed.length - 1]! ^= 1;
    await fs.writeFile(file, sealed);
    await expect(store.read(id)).rejects.toThrow();
    expect((await store.read(await store.put(Buffer.alloc(0)))).length).toBe(0);
  });
});
