/**
 * The webhook events of the most recent questions, with the question each one became, so an
 * event handled again (replayed after a crash) is not logged twice. A replay only ever
 * concerns the events being handled when the process stopped (at most the dispatcher's 16
 * slots), whose questions are the last ones written, so the most recent few thousand are
 * plenty and memory stays the same however many questions are asked.
 */
export class RecentEvents {
  // A Map iterates in insertion order: the first entries are the oldest.
  private readonly questionOf = new Map<string, string>();
  private readonly eventOf = new Map<string, string>();

  constructor(private readonly max: number) {}

  has(event: string): boolean {
    return this.questionOf.has(event);
  }

  add(event: string, question: string): void {
    this.questionOf.set(event, question);
    this.eventOf.set(question, event);
    if (this.questionOf.size <= this.max) return;
    const [oldest, itsQuestion] = this.questionOf.entries().next().value!;
    this.questionOf.delete(oldest);
    if (this.eventOf.get(itsQuestion) === oldest) this.eventOf.delete(itsQuestion);
  }

  /** The event a remembered question came from (kept in the file's snapshot too). */
  event(question: string): string | undefined {
    return this.eventOf.get(question);
  }
}
