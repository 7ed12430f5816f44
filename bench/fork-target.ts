import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TARGETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'targets');

/** A process of bench/targets and the first message it sent (where it listens). */
export interface Target<T> {
  child: ChildProcess;
  ready: T;
  stop(): Promise<void>;
}

/** Forks `script` with `env`, waits for its first message; stop() ends it with SIGTERM and waits. */
export async function forkTarget<T>(
  script: string,
  env: Record<string, string>,
  execArgv: string[] = [],
): Promise<Target<T>> {
  const child = fork(path.join(TARGETS, script), {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  };
  return { child, ready, stop };
}
