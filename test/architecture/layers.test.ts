import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, importsOf, layerOf, LAYERS, sourceFiles, SRC, upwardImports } from './import-graph.js';

/**
 * Imports the layering still carries, each a known debt with the place it should go:
 * [importing folder or file, imported module]. The list may only shrink: a new upward import
 * fails the test, and so does an entry that no longer matches (delete it when its fix lands).
 */
const KNOWN: ReadonlyArray<readonly [from: string, to: string, fix: string]> = [];

type Known = (typeof KNOWN)[number];

function matches([from, to]: Known, edge: { from: string; to: string }): boolean {
  return edge.to === to && (edge.from === from || (from.endsWith('/') && edge.from.startsWith(from)));
}

describe('layers: dependencies point down', () => {
  it('when a module imports one of a higher layer, then it is listed here (or the test fails)', () => {
    const found = upwardImports();
    const unknown = found.filter((edge) => !KNOWN.some((k) => matches(k, edge))).map((e) => `${e.from} -> ${e.to}`);
    const fixed = KNOWN.filter((k) => !found.some((edge) => matches(k, edge)));
    expect(unknown, 'new upward imports').toEqual([]);
    expect(fixed, 'fixed: remove from KNOWN').toEqual([]);
  });

  it('when two folders import each other, then it is a known pair (even within one layer)', () => {
    // Each side needs the other: publications send to subscribers and read their topics, the
    // subscription chat shows the latest publications; the sealed store uses the cipher and the
    // key file uses the durable writer; the answers name a subscription topic when asked for
    // news of a period, and the subscription buttons answer with the bot's shared sentences.
    expect(folderCycles()).toEqual([
      'crypto <-> storage',
      'handlers <-> subscriptions',
      'publications <-> subscriptions',
    ]);
  });

  it('when a file is added under src/, then it belongs to a layer', () => {
    const unplaced = sourceFiles().filter((file) => layerOf(file) === undefined);
    expect(unplaced).toEqual([]);
  });

  it('when a module reads another folder by path (a public folder), then it is one of its own layer or below', () => {
    const offenders = sourceFiles().flatMap((file) => {
      const text = fs.readFileSync(path.join(SRC, file), 'utf8');
      return [...text.matchAll(/'src', '([a-z-]+)'/g)]
        .map((m) => `${m[1]}/`)
        .filter((folder) => rank(folder) < rank(file))
        .map((folder) => `${file} -> ${folder}`);
    });
    expect(offenders).toEqual([]);
  });
});

describe('layers: the check itself', () => {
  it('when a lower layer imports a higher one, then the edge is reported', () => {
    expect(importsOf('content/library.ts', "import { x } from '../bot/router.js';")).toEqual(['bot/router.ts']);
    expect(rank('content/library.ts')).toBeGreaterThan(rank('bot/router.ts'));
  });

  it('when imports are written every way TypeScript allows, then each is read', () => {
    const text = [
      "import type { A } from './a.js';",
      "import {\n  B,\n  C,\n} from '../storage/b.js';",
      "export { D } from './d.js';",
      "export * from './e.js';",
      "import './side-effect.js';",
      "const f = await import('../thai/f.js');",
      "import fs from 'node:fs';",
    ].join('\n');
    expect(importsOf('content/x.ts', text)).toEqual([
      'content/a.ts',
      'storage/b.ts',
      'content/d.ts',
      'content/e.ts',
      'content/side-effect.ts',
      'thai/f.ts',
    ]);
  });

  it('when a folder is named in two layers, then the table is refused', () => {
    const folders = LAYERS.flatMap((layer) => layer.paths);
    expect(new Set(folders).size).toBe(folders.length);
  });
});

function rank(file: string): number {
  const layer = layerOf(file);
  if (!layer) throw new Error(`no layer for ${file}`);
  return LAYERS.indexOf(layer);
}
