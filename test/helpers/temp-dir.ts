import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A fresh empty folder under the system temp dir, for one test's DATA_DIR. */
export async function tempDir(prefix = 'phonsai-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}
