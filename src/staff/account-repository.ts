import type { Awaitable } from '../storage/awaitable.js';
import type { Account } from './account-store.js';

/**
 * The console's accounts, whatever keeps them: one JSON file under DATA_DIR (AccountStore) or
 * PostgreSQL (src/db/account-store-postgres.ts). Names are matched in lower case; readers get
 * copies; `update` applies its change to the freshest record, one change at a time per account
 * across every process, and stores what the change returns.
 */
export interface AccountRepository {
  get(name: string): Awaitable<Account | undefined>;
  /** Every account, by name. */
  list(): Awaitable<Account[]>;
  update(name: string, change: (current: Account | undefined) => Account): Awaitable<Account>;
  /**
   * Like `update`, with every account in view and one such change at a time for all the
   * accounts (across processes too): for a rule about the others, such as "an admin remains".
   * A change that throws stores nothing.
   */
  updateAmong(name: string, change: (current: Account | undefined, all: Account[]) => Account): Awaitable<Account>;
}
