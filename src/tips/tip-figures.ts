import type { TipRecord } from './tip-model.js';
import type { TipStore } from './tip-store.js';

/**
 * The tips the figures count, read synchronously (the report and /staff/api/stats are computed
 * in one step). The file store answers from memory at once. A store that answers later
 * (PostgreSQL) is read at each sweep, after each write this process makes through `watch`,
 * and again after each call; so another process's change shows by the next call at the latest.
 */
export function tipFigures(store: TipStore) {
  let last: TipRecord[] = [];
  const keep = (tips: Promise<TipRecord[]>) => void tips.then((t) => (last = t)).catch(() => undefined);
  // The first read tells which kind of store this is (and, for one that answers later, starts the figures)
  const first = store.all();
  const atOnce = Array.isArray(first);
  if (!atOnce) keep(first);
  const refresh = async () => {
    last = await store.all();
  };
  // A failed read keeps the figures as they were: the write itself has succeeded
  const refreshQuietly = () => refresh().catch(() => undefined);
  return {
    refresh,
    tips(): TipRecord[] {
      const now = store.all();
      if (Array.isArray(now)) return now;
      keep(now);
      return last;
    },
    /** `store`, with the figures read again after each save or update (a store that answers later only). */
    watch(store: TipStore): TipStore {
      if (atOnce) return store;
      const watched = Object.create(store) as TipStore;
      watched.save = async (tip) => {
        await store.save(tip);
        await refreshQuietly();
      };
      watched.update = async (id, change) => {
        const saved = await store.update(id, change);
        await refreshQuietly();
        return saved;
      };
      return watched;
    },
  };
}
