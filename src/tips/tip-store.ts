import type { Awaitable } from '../storage/awaitable.js';
import type { TipContent, TipRecord } from './tip-model.js';

/**
 * The tips, whatever keeps them: the file store (TipRepo, DATA_DIR/tips) or PostgreSQL
 * (src/db/tip-store-postgres.ts). Private parts are sealed by the store's key before `save`
 * and opened only on request, so neither backend ever holds them in clear.
 */
export interface TipStore {
  /** The readable number for a tip received at `receivedAt` (given once, never again). */
  nextNumber(receivedAt: Date): Awaitable<string>;
  newId(): Awaitable<string>;
  get(id: string): Awaitable<TipRecord | undefined>;
  idForReceipt(hash: string): Awaitable<string | undefined>;
  all(): Awaitable<TipRecord[]>;
  /** Ids of the tips that satisfy `pred`. */
  idsWhere(pred: (tip: Readonly<TipRecord>) => boolean): Awaitable<string[]>;
  save(tip: TipRecord): Promise<void>;
  /**
   * Applies `change` to the freshest record and saves what it returns (nothing when it returns
   * undefined): one change at a time per tip, across every process sharing the store, so two
   * staff changing one tip at once both see their change kept. Resolves with what was saved.
   */
  update(id: string, change: (tip: TipRecord | undefined) => TipRecord | undefined): Promise<TipRecord | undefined>;
  sealText(text: string): string;
  openText(sealed: string): string;
  sealContent(content: TipContent): string;
  openContent(tip: Pick<TipRecord, 'content'>): TipContent | null;
  /** Makes content removed by `save` really gone from storage (retention). */
  compact(): Promise<void>;
  close(): Promise<void>;
}
