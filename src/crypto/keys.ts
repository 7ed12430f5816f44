import { createHmac, hkdfSync } from 'node:crypto';

/**
 * One key from the environment (TIP_ENCRYPTION_KEY), a separate subkey for each purpose
 * (HKDF-SHA256), so a subkey that leaks through one use cannot open the others.
 */
export interface DataKeys {
  /** Tip contents, attachments, a confidential reporter's user id. */
  tips: Buffer;
  /** Webhook events waiting to be handled. */
  inbox: Buffer;
  /** Friend records and conversation state. */
  people: Buffer;
  /** Pseudonymous references to users (HMAC), so files are keyed without user ids. */
  userRef: Buffer;
  /** The staff audit trail's HMAC chain. */
  audit: Buffer;
}

export function deriveKeys(master: Buffer): DataKeys {
  const derive = (purpose: string) =>
    Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `phonsai-bot:${purpose}`, 32));
  return {
    tips: derive('tips'),
    inbox: derive('inbox'),
    people: derive('people'),
    userRef: derive('user-ref'),
    audit: derive('audit'),
  };
}

/** How many recent users' references are kept in memory (every event needs its sender's). */
const REMEMBERED_REFS = 10_000;
const recentRefs = new WeakMap<DataKeys, Map<string, string>>();

/** A stable pseudonym for a LINE user id: the same id always gives the same reference. */
export function userRef(keys: DataKeys, userId: string): string {
  let refs = recentRefs.get(keys);
  if (!refs) recentRefs.set(keys, (refs = new Map<string, string>()));
  let ref = refs.get(userId);
  if (ref === undefined) {
    ref = createHmac('sha256', keys.userRef).update(userId).digest('base64url').slice(0, 32);
    // Oldest first out: a Map iterates in insertion order.
    if (refs.size >= REMEMBERED_REFS) refs.delete(refs.keys().next().value!);
    refs.set(userId, ref);
  }
  return ref;
}
