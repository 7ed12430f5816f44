import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Demo mode's data key: generated once into DATA_DIR (readable by the owner only) so a demo
 * keeps its data across restarts. Live mode never uses this: its key comes from
 * TIP_ENCRYPTION_KEY and is kept away from the data it protects.
 */
export async function loadOrCreateDemoKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'keys', 'demo-data.key');
  try {
    const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file}: not a 32-byte base64 key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  await fs.writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
