import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Where a process spent its CPU, from a V8 `.cpuprofile` (node --cpu-prof): self time summed
 * per function, per file or per package, busy time only (idle left out), largest first. With
 * `--ms-per-event` (the bench's "CPU … ms/event" of the same run) each row is also given in
 * µs per event. The profile's clock is wall time on a shared machine, so rows are compared as
 * shares of the busy time, not as absolute milliseconds; the start (content loading) is in it too.
 *
 *   BENCH_NODE_OPTIONS="--max-semi-space-size=32 --cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench
 *   node dist/bench/profile-summary.js /tmp/prof/CPU.*.cpuprofile --by file --ms-per-event 1.2
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type By = 'function' | 'file' | 'package';

/** The row a sample's function belongs to: a package for node_modules, a path under the project, node: internals as they are. */
function keyOf(frame: ProfileNode['callFrame'], by: By): string {
  const url = frame.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (by === 'package')
    return pkg ? `npm:${pkg}` : url.startsWith('dist/') ? path.dirname(url) : url || frame.functionName;
  if (by === 'file') return pkg ? `npm:${pkg}` : url || frame.functionName;
  return `${frame.functionName || '(anonymous)'} ${url}:${frame.lineNumber + 1}`;
}

export function summarise(profile: Profile, by: By): { busyMs: number; rows: Array<[string, number]> } {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const rows = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    if (frame.functionName === '(idle)') return;
    const us = profile.timeDeltas[i] ?? 0;
    busy += us;
    const key = keyOf(frame, by);
    rows.set(key, (rows.get(key) ?? 0) + us);
  });
  return {
    busyMs: busy / 1000,
    rows: [...rows].map(([k, us]): [string, number] => [k, us / 1000]).sort((a, b) => b[1] - a[1]),
  };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    by: { type: 'string', default: 'function' },
    top: { type: 'string', default: '40' },
    'ms-per-event': { type: 'string' },
  },
});
if (positionals.length !== 1 || !['function', 'file', 'package'].includes(values.by)) {
  console.error(
    'usage: node dist/bench/profile-summary.js FILE.cpuprofile [--by function|file|package] [--top 40] [--ms-per-event 1.2]',
  );
  process.exit(1);
}
const { busyMs, rows } = summarise(JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile, values.by as By);
const perEvent = values['ms-per-event'] ? (Number(values['ms-per-event']) * 1000) / busyMs : null;
console.log(`busy ${busyMs.toFixed(0)} ms${perEvent ? ` (${values['ms-per-event']} ms CPU per event)` : ''}`);
for (const [key, ms] of rows.slice(0, Number(values.top))) {
  const share = `${((100 * ms) / busyMs).toFixed(1).padStart(5)}%`;
  console.log(
    `${ms.toFixed(1).padStart(9)} ms ${share}${perEvent ? `${(ms * perEvent).toFixed(1).padStart(8)} µs/event` : ''}  ${key}`,
  );
}
