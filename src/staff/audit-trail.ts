import type { Awaitable } from '../storage/awaitable.js';
import type { AuditEntry } from './audit-log.js';

/**
 * The staff audit trail, whatever keeps it: the file chain (AuditLog, DATA_DIR/state) or
 * PostgreSQL (src/db/audit-trail-postgres.ts). Either way each entry carries the HMAC of the
 * one before, and a signed head names the newest, so an edit, insertion or removal shows.
 */
export interface AuditTrail {
  /** Appends an entry at the end of the chain; resolves once it and the new head are stored. */
  append(
    at: Date,
    actor: string,
    action: string,
    target?: string,
    details?: AuditEntry['details'],
  ): Promise<AuditEntry>;
  /** Entries, oldest first, optionally only those about one target. */
  list(filter?: { target?: string }): Awaitable<AuditEntry[]>;
  close(): Promise<void>;
}
