import type { messagingApi } from '@line/bot-sdk';

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

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
