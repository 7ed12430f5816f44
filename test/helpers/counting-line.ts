import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'counting-line-server.mjs');

/** One request the stand-in received: when (ms, on its own clock), where, and whose token. */
export interface Arrival {
  at: number;
  path: string;
  token: string;
}

export interface CountingLine {
  url: string;
  /** Every request received so far. */
  arrivals(): Promise<Arrival[]>;
  close(): Promise<void>;
}

/**
 * A loopback LINE stand-in that answers every message request 200 and notes when each one
 * arrived, to count requests per second per channel as LINE does. It runs in a process of
 * its own (counting-line-server.mjs), so the senders' busy event loop does not distort the
 * times it notes.
 */
export async function countingLine(): Promise<CountingLine> {
  const child = spawn(process.execPath, [SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    readline.createInterface({ input: child.stdout }).once('line', resolve);
  });
  const url = `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}`;
  return {
    url,
    arrivals: async () => (await (await fetch(`${url}/arrivals`)).json()) as Arrival[],
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}

/** The most arrivals in any window of `windowMs` (a sliding window, as a rate limit counts). */
export function busiestWindow(arrivals: readonly Arrival[], windowMs = 1000): number {
  const times = arrivals.map((a) => a.at).sort((x, y) => x - y);
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
