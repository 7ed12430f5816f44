import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditEntry } from './audit-log.js';
import type { AuditTrail } from './audit-trail.js';

/** An audit entry made by a command (`npm run staff`) while the bot may be running. */
interface PendingEntry {
  ref: string;
  at: string;
  actor: string;
  action: string;
  target?: string;
  details?: AuditEntry['details'];
}

export const pendingAuditFile = (dataDir: string) => path.join(dataDir, 'state', 'audit-pending.jsonl');

/**
 * Commands never write the audit chain themselves: the running bot holds its end in memory,
 * and a second writer would fork it. A command appends its entries here; the bot moves them
 * into the chain at start and whenever the console is used. Each carries a ref, so a crash
 * halfway through a move never records one twice.
 */
export function queueAudit(
  dataDir: string,
  at: Date,
  actor: string,
  action: string,
  target?: string,
  details?: AuditEntry['details'],
): void {
  const entry: PendingEntry = {
    ref: randomUUID(),
    at: at.toISOString(),
    actor,
    action,
    ...(target ? { target } : {}),
    ...(details ? { details } : {}),
  };
  fs.mkdirSync(path.dirname(pendingAuditFile(dataDir)), { recursive: true });
  fs.appendFileSync(pendingAuditFile(dataDir), JSON.stringify(entry) + '\n', { mode: 0o600 });
}

const draining = new Map<string, Promise<number>>();

/** Moves queued entries into the audit chain (in the order queued); returns how many. */
export function drainPendingAudit(dataDir: string, audit: AuditTrail): Promise<number> {
  const file = pendingAuditFile(dataDir);
  const taking = `${file}.taking`;
  if (!fs.existsSync(file) && !fs.existsSync(taking)) return Promise.resolve(0);
  // One move at a time per file, or two requests would record the same entries
  const running = draining.get(file) ?? drain(file, taking, audit).finally(() => draining.delete(file));
  draining.set(file, running);
  return running;
}

async function drain(file: string, taking: string, audit: AuditTrail): Promise<number> {
  // Take the file away first: entries queued from now on start a new one
  if (!fs.existsSync(taking)) fs.renameSync(file, taking);
  const entries = fs
    .readFileSync(taking, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as PendingEntry];
      } catch {
        return []; // a torn last line of a command that died mid-write
      }
    });
  const done = new Set(
    (await audit.list()).flatMap((e) => (typeof e.details?.ref === 'string' ? [e.details.ref] : [])),
  );
  let moved = 0;
  for (const e of entries) {
    if (done.has(e.ref)) continue;
    await audit.append(new Date(e.at), e.actor, e.action, e.target, { ...e.details, ref: e.ref });
    moved += 1;
  }
  fs.unlinkSync(taking);
  return moved;
}
