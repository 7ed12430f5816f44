/**
 * Ids of handled webhook events, kept to recognise LINE's redelivery of one, in the order
 * they were handled. Bounded twice: an id is forgotten after `keepMs`, and beyond `max` ids
 * the oldest go first, so a flood cannot grow memory (or the inbox file) without end.
 */
export class RememberedIds {
  // A Map iterates in insertion order: the first entries are the oldest.
  private readonly at = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly keepMs: number,
  ) {}

  get size(): number {
    return this.at.size;
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  /** Remembers `id` as handled at `at` (moving it to the newest end), dropping the oldest past the cap. */
  add(id: string, at: number): void {
    this.at.delete(id);
    this.at.set(id, at);
    while (this.at.size > this.max) this.at.delete(this.at.keys().next().value!);
  }

  /** Forgets ids handled before `now - keepMs`, oldest first. */
  expire(now: number): void {
    const cutoff = now - this.keepMs;
    for (const [id, at] of this.at) {
      if (at >= cutoff) break;
      this.at.delete(id);
    }
  }

  entries(): IterableIterator<[string, number]> {
    return this.at.entries();
  }
}
