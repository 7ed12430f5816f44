import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { DIR_MODE, FILE_MODE } from './durable-file.js';

/**
 * Makes DATA_DIR and everything under it private to the bot's user: folders 0700, files
 * 0600. New files and folders get these modes when they are made; this tightens what an
 * older version, a copy or a hand edit left looser, once at start. Symbolic links are left
 * alone (their target is not the bot's to change). Entries owned by another user cannot be
 * changed: they are counted in `refused` (for a warning) and the walk goes on.
 */
export async function tightenPrivateTree(root: string): Promise<{ changed: number; refused: number }> {
  let changed = 0;
  let refused = 0;
  const visit = async (entry: string): Promise<void> => {
    const stat = await fs.lstat(entry).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null; // removed while we walked
      throw err;
    });
    if (!stat || stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? DIR_MODE : FILE_MODE;
    if ((stat.mode & 0o777) !== wanted) {
      const done = await fs.chmod(entry, wanted).then(
        () => true,
        (err: NodeJS.ErrnoException) => {
          if (err.code !== 'EPERM') throw err;
          return false;
        },
      );
      if (done) changed += 1;
      else refused += 1;
    }
    if (!stat.isDirectory()) return;
    for (const name of await fs.readdir(entry)) await visit(path.join(entry, name));
  };
  await visit(root);
  return { changed, refused };
}

/** Tightens DATA_DIR at start and says what it did; entries it may not change are a warning, not a stop. */
export async function makeDataDirPrivate(dataDir: string, logger: Logger): Promise<void> {
  const { changed, refused } = await tightenPrivateTree(dataDir);
  if (changed > 0) logger.info('data folder made private (files 0600, folders 0700)', { changed });
  if (refused > 0)
    logger.warn('some entries under the data folder belong to another user and stay readable by others', { refused });
}
