import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * True when the module at `moduleUrl` (its `import.meta.url`) is the script node was started
 * with, so a command's file can also be imported by tests without running. Both sides are
 * turned into real paths (symlinks resolved) and compared as file URLs: `import.meta.url` is
 * percent-encoded (a space is %20, Thai letters are %E0…) while `process.argv[1]` is a plain
 * path, so comparing them as strings fails in such a folder and the command silently did nothing.
 */
export function runDirectly(moduleUrl: string, entry: string | undefined = process.argv[1]): boolean {
  if (!entry) return false;
  const self = pathToFileURL(realpathSync(fileURLToPath(moduleUrl))).href;
  return entryCandidates(entry).some((file) => realUrl(file) === self);
}

/** Node also starts `node dist/src/cli/staff` (no extension) as staff.js. */
function entryCandidates(entry: string): string[] {
  return /\.[cm]?js$/.test(entry) ? [entry] : [entry, `${entry}.js`, `${entry}.mjs`];
}

function realUrl(file: string): string | null {
  try {
    return pathToFileURL(realpathSync(file)).href;
  } catch {
    return null; // no such file: not this module
  }
}
