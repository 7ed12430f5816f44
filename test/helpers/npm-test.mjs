// `npm test`: the checks that read the source without running it (the typecheck, the formatting
// check, the linter) and the tests (vitest), all side by side. Much of the tests' time is spent
// waiting (on chromium, child processes, disk syncs, timers), which the checks fill, instead of
// the tests starting only after the checks. The tests print as they go; the checks' outputs are
// printed whole after the tests' summary, so a failing check is the last thing on screen.
// Arguments go to vitest (`npm test -- test/x`). The exit code is 1 when any of them failed.
import { spawn } from 'node:child_process';

const CHECKS = ['lint', 'typecheck', 'format:check'];
const npm = process.env.npm_execpath;

/**
 * Runs `npm run <name> [args]`; resolves to whether it passed and a report (a status line, then
 * what it said, unless `live` streamed that already).
 */
function run(name, args = [], live = false) {
  return new Promise((resolve) => {
    const started = Date.now();
    const npmArgs = ['run', '-s', name, ...(args.length > 0 ? ['--', ...args] : [])];
    const [cmd, argv] = npm ? [process.execPath, [npm, ...npmArgs]] : ['npm', npmArgs];
    const child = spawn(cmd, argv, { stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'] });
    const out = [];
    child.stdout?.on('data', (d) => out.push(d));
    child.stderr?.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const line = Buffer.from(`${code === 0 ? 'ok  ' : 'FAIL'} npm run ${name} (${seconds} s)\n`);
      resolve({ ok: code === 0, report: Buffer.concat([line, ...out]) });
    });
  });
}

const results = await Promise.all([run('test:vitest', process.argv.slice(2), true), ...CHECKS.map((c) => run(c))]);
for (const { report } of results) process.stdout.write(report);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
