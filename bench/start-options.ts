import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** package.json's start script: `npm run build … && [NAME=value …] node [--option …] dist/src/server.js`. */
function startCommand(): { env: string; options: string } {
  const scripts = (
    JSON.parse(readFileSync(path.join(HERE, '..', '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const match = /((?:[A-Z_][A-Z0-9_]*=\S* )*)node ((?:--\S+ )*)dist\/src\/server\.js/.exec(scripts.start ?? '');
  return { env: match?.[1] ?? '', options: match?.[2] ?? '' };
}

/**
 * The Node options `npm start` gives the bot, so the bot is measured as it runs.
 * BENCH_NODE_OPTIONS="--max-semi-space-size=8" tries others without editing package.json.
 */
export function startOptions(): string[] {
  return (process.env.BENCH_NODE_OPTIONS ?? startCommand().options).split(' ').filter(Boolean);
}

/** The environment `npm start` sets for the bot (MALLOC_ARENA_MAX=2, say); BENCH_START_ENV="A=1 B=2" tries another. */
export function startEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_START_ENV ?? startCommand().env).split(' ').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}
