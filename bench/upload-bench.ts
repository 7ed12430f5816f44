import { execFile, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEnv, startOptions } from './start-options.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The tests' streaming sender (plain JS, not compiled): dist/bench → test/tips. */
const SENDER = path.join(HERE, '..', '..', 'test', 'tips', 'upload-sender.mjs');
const MB = 1024 * 1024;

/** The bot's resident memory now (Linux /proc), in MB. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

/** A JPEG of `size` bytes that cleans fine (zeros padded into its scan data), described for the sender. */
function bigJpeg(name: string, size: number) {
  const jpeg = Buffer.from(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
    'base64',
  );
  const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  const dataStart = sos + 2 + jpeg.readUInt16BE(sos + 2);
  return {
    name,
    size,
    head: jpeg.subarray(0, dataStart).toString('base64'),
    tail: jpeg.subarray(dataStart).toString('base64'),
  };
}

function send(url: string, uploads: unknown[]): Promise<Array<{ status: number }>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [SENDER, JSON.stringify({ url, uploads })],
      { maxBuffer: 64 * MB },
      (err: Error | null, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Array<{ status: number }>)),
    );
  });
}

/** Peak RSS of the bot while `work` runs, sampled every 20 ms. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssMb(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Uploads to /tip under memory watch: the bot as `npm start` runs it, four 50 MB uploads at
 * once (each refused: its one image is over 10 MB), then four forms of five 9 MB images at
 * once (all filed). The baseline in the same run is the bot idle and the bytes sent, which a
 * bot holding bodies whole would have to hold.
 */
export async function benchUploads(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'upload-bench-'));
  const env = {
    BENCH_SECRET: 'bench-secret',
    BENCH_TOKEN: 'bench-token',
    BENCH_LINE_URL: 'http://127.0.0.1:9',
    BENCH_DATA_DIR: dataDir,
  };
  const child: ChildProcess = fork(path.join(HERE, 'targets', 'phonsai-bot.js'), {
    env: { ...process.env, ...startEnv(), ...env },
    execArgv: startOptions(),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const { port } = await new Promise<{ port: number }>((resolve) =>
      child.once('message', (m) => resolve(m as { port: number })),
    );
    const url = `http://127.0.0.1:${port}`;
    const pid = child.pid!;
    await new Promise((r) => setTimeout(r, 500));
    const idle = rssMb(pid);
    const big = await peakRss(pid, () =>
      send(
        url,
        [1, 2, 3, 4].map((i) => ({
          path: '/tip',
          fields: { what: `เรื่อง ${i}` },
          files: [bigJpeg(`big-${i}.jpg`, 50 * MB)],
        })),
      ),
    );
    const round = () =>
      peakRss(pid, () =>
        send(
          url,
          [1, 2, 3, 4].map((f) => ({
            path: '/tip',
            fields: { what: `แบบฟอร์ม ${f}` },
            files: [1, 2, 3, 4, 5].map((i) => bigJpeg(`f${f}-${i}.jpg`, 9 * MB)),
          })),
        ),
      );
    const forms = await round();
    // A second round: a ceiling, not a leak, stays where the first round left it
    const again = await round();
    console.log('\n/tip uploads under memory watch (bot RSS, sampled every 20 ms)');
    console.log(`  idle (baseline)                          ${idle.toFixed(0)} MB`);
    console.log(
      `  4 × 50 MB at once (200 MB sent)          peak ${big.peak.toFixed(0)} MB (+${(big.peak - idle).toFixed(0)} MB), answers ${big.result.map((r) => r.status).join(' ')}`,
    );
    for (const [name, r] of [
      ['4 forms × 5 images of 9 MB (180 MB sent)', forms],
      ['the same again                          ', again],
    ] as const) {
      console.log(
        `  ${name} peak ${r.peak.toFixed(0)} MB (+${(r.peak - idle).toFixed(0)} MB), answers ${r.result.map((a) => a.status).join(' ')}`,
      );
    }
    console.log(
      '  (429 in the second round: five tips a day per address; those images were received and cleaned all the same, then deleted)',
    );
  } finally {
    child.kill('SIGTERM');
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
