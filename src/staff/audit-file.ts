import fs from 'node:fs/promises';
import { entryHash, headDocument, verifyChain, type AuditEntry } from './audit-log.js';

export type AuditCheck = { ok: true; count: number } | { ok: false; at: number; reason: string };
/** The trail's entries, its check, and the positions of entries that fail on their own. */
export interface AuditReading {
  entries: AuditEntry[];
  check: AuditCheck;
  suspects: Set<number>;
}

/**
 * The audit trail as it is on disk (not the running bot's memory of it, which an edit to the
 * file would not touch), checked against the key and the signed head. Used by
 * `npm run audit:verify` and the console's audit page.
 */
export async function readAndVerifyAudit(file: string, key: Buffer): Promise<AuditReading> {
  let records: unknown[];
  let head: unknown;
  try {
    records = await readRecords(file);
    head = await headDocument(file).read();
  } catch (e) {
    return {
      entries: [],
      check: { ok: false, at: 0, reason: `the trail cannot be read (${(e as Error).message})` },
      suspects: new Set(),
    };
  }
  const entries = records as AuditEntry[];
  return { entries, check: verifyChain(key, records, head), suspects: suspectEntries(key, entries) };
}

/**
 * Positions (1-based) of the entries that fail on their own: content not matching its MAC,
 * or not following the entry before it. The chain check stops at the first break; this
 * names every edited entry, so the entries after one edit are not all under suspicion.
 */
export function suspectEntries(key: Buffer, entries: AuditEntry[]): Set<number> {
  const suspects = new Set<number>();
  entries.forEach((e, i) => {
    const { hash, ...rest } = e;
    const prev = i === 0 ? '0'.repeat(64) : entries[i - 1]!.hash;
    if (entryHash(key, rest) !== hash || e.prev !== prev) suspects.add(i + 1);
  });
  return suspects;
}

/** Every line of the file, without opening it for writing (a torn last line is left out). */
async function readRecords(file: string): Promise<unknown[]> {
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  const lines = text.split('\n').filter((l) => l.trim());
  return lines.flatMap((line, i) => {
    try {
      return [JSON.parse(line) as unknown];
    } catch {
      if (i === lines.length - 1 && !text.endsWith('\n')) return [];
      throw new Error(`line ${i + 1} is not valid JSON`);
    }
  });
}

/** "audit trail broken at entry 3: its content was changed" / "intact: 12 entries". */
export function describeCheck(check: AuditCheck): string {
  return check.ok
    ? `audit trail intact: ${check.count} entries`
    : `audit trail broken at entry ${check.at}: ${check.reason}`;
}
