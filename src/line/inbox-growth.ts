/** Estimated bytes of an inbox record without its sealed event. */
export const RECORD_BYTES = 70;

/**
 * When the inbox file is due for compaction, from estimates of its bytes (no stat calls):
 * once as much was appended since the last compaction as that compaction wrote (the file
 * is then about twice what it must hold), or once events that the last compaction wrote out
 * sealed (a burst waiting to be handled) and that were handled since add up to half of
 * `least`, so the file does not keep them until the next burst. Never below `least` bytes
 * of growth.
 */
export class InboxGrowth {
  private appended = 0;
  private compacted = 0;
  /** Sealed bytes of the events not yet handled: now, and in the last compacted file. */
  private held = 0;
  private compactedHeld = 0;

  constructor(private readonly least: number) {}

  /** Records appended (`held`: sealed bytes of new events among them). */
  grew(bytes: number, held = 0): void {
    this.appended += bytes;
    this.held += held;
  }

  /** Events handled: their sealed bytes leave the live set. */
  released(held: number): void {
    this.held -= held;
  }

  due(): boolean {
    const grown = this.appended >= Math.max(this.compacted, this.least);
    // Events handled since the last compaction still sit sealed in the file (about this much).
    const drained = this.compactedHeld - this.held >= this.least / 2;
    return grown || drained;
  }

  /** A compaction took its snapshot; appends from now on count toward the next one. */
  started(): void {
    this.appended = 0;
  }

  /** The file stays as it was: the next try waits for as many appended bytes again, not for the handled backlog. */
  failed(): void {
    this.compactedHeld = 0;
  }

  /** The snapshot is the file now: `bytes` in all, `held` of them sealed events. */
  finished(bytes: number, held: number): void {
    this.compacted = bytes;
    this.compactedHeld = held;
  }
}
