// The checks of `npm test` that read the source without running it: the typecheck, the
// formatting check and the linter, run side by side. Each is one process that mostly keeps one
// core busy, and the linter alone takes most of their time, so the other two finish beside it
// instead of before it. Each one's output is printed whole when it ends (not interleaved); the
// exit code is 1 when any of them failed.
import { spawn } from 'node:child_process';

const CHECKS = ['typecheck', 'format:check', 'lint'];
const npm = process.env.npm_execpath;

/** Runs `npm run <name>`, resolving to whether it passed, after printing what it said. */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const [cmd, args] = npm ? [process.execPath, [npm, 'run', '-s', name]] : ['npm', ['run', '-s', name]];
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`${code === 0 ? 'ok  ' : 'FAIL'} npm run ${name} (${seconds} s)\n`);
      if (out.length > 0) process.stdout.write(Buffer.concat(out));
      resolve(code === 0);
    });
  });
}

const passed = await Promise.all(CHECKS.map(run));
process.exitCode = passed.every(Boolean) ? 0 : 1;
