import fsp from 'node:fs/promises';
import path from 'node:path';
import { DIR_MODE, writeFileDurably } from '../storage/durable-file.js';
import { documentText } from '../storage/json-document.js';
import { BOT_MARK, spoolDir, type SpoolReceipt, type SpoolRequest } from './publish-spool.js';

export type SpoolOutcome = { kind: 'taken'; receipt: SpoolReceipt } | { kind: 'queued'; botRunning: boolean };

/** True when the bot that owns this DATA_DIR is running (its mark names a live process). */
async function botRunning(dir: string): Promise<boolean> {
  try {
    const { pid } = JSON.parse(await fsp.readFile(path.join(dir, BOT_MARK), 'utf8')) as { pid: number };
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Leaves a request for the bot (written whole and flushed, then renamed into place) and, when the bot is
 * running, waits for its receipt. Without a running bot the request waits in the folder and
 * is taken when the bot starts.
 */
export async function requestPublication(
  stateDir: string,
  request: SpoolRequest,
  opts: { waitMs?: number; pollMs?: number } = {},
): Promise<SpoolOutcome> {
  const dir = spoolDir(stateDir);
  await fsp.mkdir(path.join(dir, 'done'), { recursive: true, mode: DIR_MODE });
  await writeFileDurably(path.join(dir, `${request.id}.json`), documentText(request));
  const running = await botRunning(dir);
  if (!running) return { kind: 'queued', botRunning: false };
  const receiptFile = path.join(dir, 'done', `${request.id}.json`);
  const deadline = Date.now() + (opts.waitMs ?? 15_000);
  while (Date.now() < deadline) {
    const text = await fsp.readFile(receiptFile, 'utf8').catch(() => null);
    if (text !== null) return { kind: 'taken', receipt: JSON.parse(text) as SpoolReceipt };
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 100));
  }
  return { kind: 'queued', botRunning: true };
}
