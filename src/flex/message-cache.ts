import type { messagingApi } from '@line/bot-sdk';
import type { ContentLibrary } from '../content/library.js';

/**
 * Replies built from imported documents, kept so the same card is not rebuilt for every
 * resident who asks: document content does not change while the bot runs (an import takes
 * effect at restart). Bounded, least recently used out first. Messages are frozen deeply, so
 * a caller cannot change a cached reply by accident.
 */
export class MessageCache {
  private readonly entries = new Map<string, readonly messagingApi.Message[]>();

  constructor(private readonly max = 500) {}

  get(key: string, build: () => messagingApi.Message[]): messagingApi.Message[] {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh its place as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return [...hit];
    }
    const built = deepFreeze(build());
    this.entries.set(key, built);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return [...built];
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<ContentLibrary, MessageCache>();

/**
 * The replies rendered from a library's documents: one cache per library, living as long as
 * it does (a new import is a new library, so nothing stale is served). The content library
 * itself knows nothing of LINE messages.
 */
export function viewsOf(library: ContentLibrary): MessageCache {
  let cache = caches.get(library);
  if (!cache) caches.set(library, (cache = new MessageCache()));
  return cache;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
