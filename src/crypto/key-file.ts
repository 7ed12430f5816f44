import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileDurably } from '../storage/durable-file.js';

/**
 * Demo mode's data key: generated once into DATA_DIR (readable by the owner only) so a demo
 * keeps its data across restarts. Live mode never uses this: its key comes from
 * TIP_ENCRYPTION_KEY and is kept away from the data it protects.
 *
 * The key is written durably and create-only: a power cut cannot leave an empty key file (the
 * data sealed under the key would be lost), and two starts at once agree on one key.
 */
export async function loadOrCreateDemoKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'keys', 'demo-data.key');
  const existing = await readKey(file);
  if (existing) return existing;
  try {
    const key = randomBytes(32);
    await writeFileDurably(file, key.toString('base64') + '\n', { exclusive: true });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return (await readKey(file))!;
  }
}

/** The key in the file, or null when there is no file; a file that holds no key stops the start. */
async function readKey(file: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file}: not a 32-byte base64 key`);
  return key;
}
