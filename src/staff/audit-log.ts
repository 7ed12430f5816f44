import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AppendLog } from '../storage/append-log.js';
import { DurableJsonFile } from '../storage/json-document.js';
import type { AuditTrail } from './audit-trail.js';

/**
 * The staff audit trail: who did what, when, to which record — never tip content. Entries
 * are chained with an HMAC under a key derived from TIP_ENCRYPTION_KEY (each holds the MAC
 * of the one before), and the newest entry's number and MAC are kept in a separate head
 * file. So an edited, inserted or removed entry — the last one included — is detected by
 * `npm run audit:verify`, and someone with the files but not the key cannot rewrite the chain.
 */
export interface AuditEntry {
  seq: number;
  at: string;
  /** Staff name (from STAFF_TOKENS or the console account). */
  actor: string;
  action: string;
  /** What was acted on, e.g. "tip:7f3a…" or "publication:pub-12". */
  target?: string;
  /** Field names and non-sensitive values only (e.g. {status: 'closed'}). */
  details?: Record<string, string | number | boolean | null>;
  prev: string;
  hash: string;
}

/** The newest entry's number and MAC, signed: removing entries at the end shows against it. */
export const HeadSchema = z.object({ seq: z.number().int().min(0), hash: z.string(), mac: z.string() });
type Head = z.infer<typeof HeadSchema>;

const GENESIS = '0'.repeat(64);

export function entryHash(key: Buffer, entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, target, details, prev } = entry;
  return createHmac('sha256', key)
    .update(JSON.stringify([seq, at, actor, action, target ?? null, details ?? null, prev]))
    .digest('hex');
}

/** The entry that follows `last` (or starts the chain), with its MAC: the same in every store. */
export function nextEntry(
  key: Buffer,
  last: AuditEntry | undefined,
  at: Date,
  actor: string,
  action: string,
  target?: string,
  details?: AuditEntry['details'],
): AuditEntry {
  const base = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor,
    action,
    ...(target ? { target } : {}),
    ...(details ? { details } : {}),
    prev: last?.hash ?? GENESIS,
  };
  return { ...base, hash: entryHash(key, base) };
}

export const headMac = (key: Buffer, seq: number, hash: string) =>
  createHmac('sha256', key).update(`head:${seq}:${hash}`).digest('hex');
export const headFile = (file: string) => `${file}.head`;
/** The head document (durable writes, checked when read). */
export const headDocument = (file: string) => new DurableJsonFile(headFile(file), HeadSchema);

export class AuditLog implements AuditTrail {
  private readonly head: DurableJsonFile<Head>;

  private constructor(
    private readonly log: AppendLog,
    file: string,
    private readonly key: Buffer,
    private readonly entries: AuditEntry[],
  ) {
    this.head = headDocument(file);
  }

  static async open(file: string, key: Buffer): Promise<AuditLog> {
    const { log, records } = await AppendLog.open(file);
    return new AuditLog(log, file, key, records as AuditEntry[]);
  }

  /** Appends an entry; resolves once it and the new head are on disk. */
  async append(
    at: Date,
    actor: string,
    action: string,
    target?: string,
    details?: AuditEntry['details'],
  ): Promise<AuditEntry> {
    const entry = nextEntry(this.key, this.entries.at(-1), at, actor, action, target, details);
    this.entries.push(entry);
    await this.log.append(entry);
    // The head names this entry, now on disk; head writes land one at a time, in this order
    await this.head.write({ seq: entry.seq, hash: entry.hash, mac: headMac(this.key, entry.seq, entry.hash) });
    return entry;
  }

  /** Entries, oldest first, optionally only those about one target. */
  list(filter: { target?: string } = {}): AuditEntry[] {
    return this.entries.filter((e) => !filter.target || e.target === filter.target).map((e) => ({ ...e }));
  }

  close(): Promise<void> {
    return this.log.close();
  }
}

/** Checks the chain against the key and the head; names the first broken entry. */
export function verifyChain(
  key: Buffer,
  records: unknown[],
  head: unknown,
): { ok: true; count: number } | { ok: false; at: number; reason: string } {
  let prev = GENESIS;
  for (const [i, raw] of records.entries()) {
    const e = raw as AuditEntry;
    if (e.seq !== i + 1)
      return {
        ok: false,
        at: i + 1,
        reason: `entry number ${e.seq} where ${i + 1} was expected (an entry was removed or inserted)`,
      };
    if (e.prev !== prev) return { ok: false, at: i + 1, reason: 'does not follow the entry before it' };
    const { hash, ...rest } = e;
    if (entryHash(key, rest) !== hash) return { ok: false, at: i + 1, reason: 'its content was changed' };
    prev = hash;
  }
  const h = head as Partial<Head> | null;
  if (records.length === 0 && !h) return { ok: true, count: 0 };
  if (!h || typeof h.seq !== 'number' || typeof h.hash !== 'string' || h.mac !== headMac(key, h.seq, h.hash)) {
    return { ok: false, at: records.length, reason: 'the head record is missing or was changed' };
  }
  if (h.seq !== records.length || h.hash !== prev) {
    return {
      ok: false,
      at: Math.min(h.seq, records.length) + 1,
      reason: `the trail should have ${h.seq} entries but has ${records.length} (entries at the end were removed or added)`,
    };
  }
  return { ok: true, count: records.length };
}
