import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Low, LowSync, type Adapter, type SyncAdapter } from 'lowdb';
import type { z } from 'zod';
import { withFileLock, writeFileDurably, writeFileDurablySync, writeUnlocked } from './durable-file.js';

/** A document file that exists but cannot be used: the message names the file and what is wrong. */
export class DocumentError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'DocumentError';
  }
}

export interface DocumentOptions {
  /** JSON indentation (content files use 2 so a re-import is byte-identical); none by default. */
  indent?: number;
}

/** The file's text as written: JSON with a trailing newline. */
export function documentText(data: unknown, opts: DocumentOptions = {}): string {
  return JSON.stringify(data, null, opts.indent) + '\n';
}

/**
 * Checks a document's text against its schema. A damaged or foreign file stops whoever
 * reads it with an error naming the file; it is never taken as empty (that would silently
 * drop every record in it at the next write).
 */
export function parseDocument<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DocumentError(file, `not valid JSON (${(err as Error).message}); the file is damaged`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new DocumentError(file, `not in the expected shape (${where}${issue?.message ?? 'invalid'})`);
  }
  return parsed.data;
}

const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * lowdb's adapter for one JSON document, durable where lowdb's JSONFile is not (steno renames
 * without flushing): writes go through writeFileDurably, reads are checked with zod. A
 * missing file reads as null (lowdb then keeps its default data).
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly opts: DocumentOptions = {},
  ) {}

  async read(): Promise<T | null> {
    const text = await fsp.readFile(this.file, 'utf8').catch((err: unknown) => {
      if (missing(err)) return null;
      throw err;
    });
    return text === null ? null : parseDocument(this.file, text, this.schema);
  }

  async write(data: T): Promise<void> {
    await writeFileDurably(this.file, documentText(this.schema.parse(data), this.opts));
  }

  /**
   * Read-modify-write with no other writer of this file (in this process) in between:
   * `change` gets the document as it is on disk (null when absent) and returns the new one.
   */
  update(change: (current: T | null) => T): Promise<T> {
    return withFileLock(this.file, async () => {
      const next = this.schema.parse(change(await this.read()));
      await writeUnlocked(this.file, documentText(next, this.opts));
      return next;
    });
  }
}

/** DurableJsonFile for synchronous callers (lowdb's LowSync). */
export class DurableJsonFileSync<T> implements SyncAdapter<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly opts: DocumentOptions = {},
  ) {}

  read(): T | null {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
    return parseDocument(this.file, text, this.schema);
  }

  write(data: T): void {
    writeFileDurablySync(this.file, documentText(this.schema.parse(data), this.opts));
  }
}

/** A lowdb database on one durable, validated JSON file, read once; `fallback` when absent. */
export async function openDocument<T>(
  file: string,
  schema: z.ZodType<T>,
  fallback: T,
  opts: DocumentOptions = {},
): Promise<Low<T>> {
  const db = new Low(new DurableJsonFile(file, schema, opts), fallback);
  await db.read();
  return db;
}

/** openDocument for synchronous callers. */
export function openDocumentSync<T>(
  file: string,
  schema: z.ZodType<T>,
  fallback: T,
  opts: DocumentOptions = {},
): LowSync<T> {
  const db = new LowSync(new DurableJsonFileSync(file, schema, opts), fallback);
  db.read();
  return db;
}
