import fs from 'node:fs/promises';
import type { z } from 'zod';
import { renameDurably } from '../storage/durable-file.js';
import { PrivateStore } from '../storage/private-store.js';

/** A line of the plain log that versions before sealing wrote: a record, not `{k}` or `{c}`. */
const isPlain = (line: unknown): boolean =>
  typeof line === 'object' &&
  line !== null &&
  typeof (line as { at?: unknown }).at === 'string' &&
  !('k' in line) &&
  !('c' in line);

/**
 * Seals a question log written in plain text by an older version, in place: the records
 * (through `clean`, which drops texts that must not be kept) go to a sealed file next to it,
 * which then replaces the plain one in one rename. A crash before the rename leaves the plain
 * file as it was, and the next start does it again. Nothing to do for a sealed or missing file.
 */
export async function migratePlainQuestionLog<T extends { id?: string | undefined }>(
  file: string,
  key: Buffer,
  schema: z.ZodType<T>,
  clean: (record: T) => T,
): Promise<number> {
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const lines = text.split('\n').filter((l) => l.trim());
  const parsed = lines.map((line, i) => parseLine(line, i === lines.length - 1, file));
  const plain = parsed.filter(isPlain);
  if (plain.length === 0) return 0;
  if (plain.length !== parsed.filter((l) => l !== undefined).length)
    throw new Error(`${file}: holds both sealed and plain lines; move it aside and restart`);
  const temp = `${file}.sealing`;
  await fs.rm(temp, { force: true });
  const store = await PrivateStore.open(temp, key, schema);
  const records = plain.map((raw, i) => {
    const checked = schema.safeParse(raw);
    if (!checked.success) throw new Error(`${file}: record ${i + 1} is invalid: ${checked.error.issues[0]?.message}`);
    return clean(checked.data);
  });
  await Promise.all(records.map((record) => store.set(record.id!, record)));
  await store.compact();
  await store.close();
  await renameDurably(temp, file);
  return records.length;
}

/** A JSON line; a torn last line (the process died mid-write) is dropped. */
function parseLine(line: string, last: boolean, file: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    if (last) return undefined;
    throw new Error(`${file}: a line is not valid JSON (the file is damaged)`);
  }
}
