import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { DIR_MODE, writeFileDurably } from '../storage/durable-file.js';
import { documentText } from '../storage/json-document.js';
import type { Publishing } from './publishing.js';
import { PUBLICATION_ID } from './publication.js';
import { errorLine } from './publish-error.js';

/**
 * The drop folder between `npm run publish` / `npm run import -- --publish` and the running
 * bot: one process owns the data (no two writers on one log), so a command leaves a request
 * file in DATA_DIR/state/publish-spool/ and the bot takes it through the same use case as
 * the staff API, then leaves a receipt in done/. The bot marks itself present in `.bot.json`.
 */
const SPOOL_DIR = 'publish-spool';
export const BOT_MARK = '.bot.json';

const SpoolRequestSchema = z.object({
  v: z.literal(1),
  id: z.string().regex(PUBLICATION_ID),
  input: z.record(z.string(), z.unknown()),
  author: z.object({ actor: z.string().min(1), source: z.enum(['cli', 'import']) }),
  requestedAt: z.iso.datetime(),
});
export type SpoolRequest = z.infer<typeof SpoolRequestSchema>;

/** What the bot made of a request (written to done/<id>.json). */
export interface SpoolReceipt {
  id: string;
  status?: string;
  publishAt?: string;
  recipients?: number;
  error?: string;
}

export const spoolDir = (stateDir: string) => path.join(stateDir, SPOOL_DIR);

/** The bot's side: takes requests as they appear (a watch, and a look every few seconds). */
export class PublishSpool {
  private watcher: fs.FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private scanning: Promise<void> = Promise.resolve();
  private readonly dir: string;

  constructor(
    stateDir: string,
    private readonly publishing: Pick<Publishing, 'create' | 'describe'>,
    private readonly logger: Logger,
  ) {
    this.dir = spoolDir(stateDir);
  }

  async start(): Promise<void> {
    await fsp.mkdir(path.join(this.dir, 'done'), { recursive: true, mode: DIR_MODE });
    await writeFileDurably(
      path.join(this.dir, BOT_MARK),
      documentText({ pid: process.pid, startedAt: new Date().toISOString() }),
    );
    try {
      this.watcher = fs.watch(this.dir, { persistent: false }, () => void this.scan());
    } catch {
      // No file watching here: the periodic look below still finds requests.
    }
    this.poll = setInterval(() => void this.scan(), 2_000);
    this.poll.unref();
    await this.scan();
  }

  /** Takes every request waiting (one scan at a time). */
  scan(): Promise<void> {
    this.scanning = this.scanning
      .then(() => this.takeAll())
      .catch((err: Error) => this.logger.error('publish spool failed', { error: err.name, message: err.message }));
    return this.scanning;
  }

  private async takeAll(): Promise<void> {
    const names = (await fsp.readdir(this.dir).catch(() => [] as string[])).filter(
      (n) => n.endsWith('.json') && !n.startsWith('.'),
    );
    for (const name of names.sort()) await this.take(path.join(this.dir, name));
  }

  private async take(file: string): Promise<void> {
    const raw = await fsp.readFile(file, 'utf8').catch(() => null);
    if (raw === null) return;
    let receipt: SpoolReceipt;
    const id = path.basename(file, '.json');
    try {
      const request = SpoolRequestSchema.parse(JSON.parse(raw));
      const pub = await this.publishing.create(request.input, request.author, request.id);
      receipt = {
        id: pub.id,
        status: pub.status,
        publishAt: pub.publishAt,
        recipients: (await this.publishing.describe(pub)).delivery.recipients,
      };
      this.logger.info('publication request taken from the spool', {
        publication: pub.id,
        source: request.author.source,
      });
    } catch (err) {
      receipt = { id, error: errorLine(err) };
      this.logger.warn('publication request refused', { file: path.basename(file), error: receipt.error });
    }
    const done = path.join(this.dir, 'done', `${id}.json`);
    await writeFileDurably(done, documentText(receipt));
    await fsp.rm(file, { force: true });
  }

  async close(): Promise<void> {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    await this.scanning;
    await fsp.rm(path.join(this.dir, BOT_MARK), { force: true });
  }
}
