import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (where package.json is), found from this file so it is the same
 * when running the TypeScript sources (tests) and the compiled `dist/` (npm start).
 */
function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot();
/** Content shipped with the bot (imported from the seed documents). */
export const SHIPPED_DATA_DIR = path.join(PROJECT_ROOT, 'data');
export const FLEX_TEMPLATES_DIR = path.join(PROJECT_ROOT, 'flex-templates');
