import fs from 'node:fs';
import path from 'node:path';

export const SRC = path.resolve(import.meta.dirname, '../../src');

/**
 * The layers of src/, top first. A module may import its own layer and any layer after it,
 * never one before it. A path ending in / names a folder; the longest matching path wins.
 * Requests travel top-down through the webhook (line) into the bot and the features, but the
 * bot is a framework the features build on (its context, conversation state and postback
 * codec), as in grammY: features import it, it never names a feature (the runtime hands it
 * the features). The LINE client and the HTTP kit sit below, as everyone's tools. The
 * database adapters sit above the features whose store interfaces they implement.
 */
export const LAYERS: ReadonlyArray<{ name: string; paths: readonly string[] }> = [
  // The shared service (tenant routing, admin API) composes tenants' bots
  { name: 'entry', paths: ['server.ts', 'runtime.ts', 'app.ts', 'cli/', 'demo/', 'service/'] },
  // PostgreSQL implementations of the features' store interfaces (ports and adapters), and
  // the choice at start between them and the files on disk
  { name: 'adapters', paths: ['db/', 'stores/'] },
  { name: 'console', paths: ['console/'] },
  {
    name: 'features',
    paths: ['handlers/', 'tips/', 'subscriptions/', 'publications/', 'staff/', 'feedback/', 'richmenu/'],
  },
  { name: 'flex', paths: ['flex/'] },
  { name: 'bot', paths: ['bot/'] },
  { name: 'content', paths: ['content/'] },
  { name: 'line', paths: ['line/'] },
  { name: 'http', paths: ['http/'] },
  { name: 'storage', paths: ['storage/', 'crypto/'] },
  { name: 'base', paths: ['thai/', 'logger.ts', 'paths.ts', 'config.ts', 'timers.ts', 'due-timer.ts'] },
];

/** The layer of a path relative to src/ (a file or a folder ending in /). */
export function layerOf(file: string): (typeof LAYERS)[number] | undefined {
  let best: { layer: (typeof LAYERS)[number]; length: number } | undefined;
  for (const layer of LAYERS)
    for (const p of layer.paths)
      if ((file === p || (p.endsWith('/') && file.startsWith(p))) && p.length > (best?.length ?? 0))
        best = { layer, length: p.length };
  return best?.layer;
}

/** Every TypeScript module under src/, relative to it with forward slashes. */
export function sourceFiles(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [path.relative(SRC, full).split(path.sep).join('/')]
      : [];
  });
}

// Static import/export ... from, side-effect import, dynamic import() with a literal
const SPECIFIER = /\b(?:from\s*|import\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** The src/ modules a file imports (relative specifiers only; packages are not layers). */
export function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)]
    .map((m) => m[1]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
}

/** Every import between two modules of src/. */
export function allImports(): Array<{ from: string; to: string }> {
  return sourceFiles().flatMap((from) =>
    importsOf(from, fs.readFileSync(path.join(SRC, from), 'utf8')).map((to) => ({ from, to })),
  );
}

/** Every import from a module to one of a higher layer. */
export function upwardImports(): Array<{ from: string; to: string }> {
  const rank = (file: string) => {
    const layer = layerOf(file);
    return layer === undefined ? Infinity : LAYERS.indexOf(layer);
  };
  return allImports().filter((edge) => rank(edge.to) < rank(edge.from));
}

/** The top folder of a module ("tips" for tips/web/tip-pages.ts; the file itself at the top). */
export const folderOf = (file: string): string => file.split('/')[0]!;

/** Pairs of folders that import each other, "a <-> b" with a before b. */
export function folderCycles(): string[] {
  const edges = new Set(allImports().map((e) => `${folderOf(e.from)} ${folderOf(e.to)}`));
  return [...edges]
    .map((edge) => edge.split(' ') as [string, string])
    .filter(([a, b]) => a < b && edges.has(`${b} ${a}`))
    .map(([a, b]) => `${a} <-> ${b}`)
    .sort();
}
