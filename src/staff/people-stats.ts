import type { Friend } from '../subscriptions/store/friend-repo.js';
import { countedChanges, type CountedChange } from '../subscriptions/store/friend-changes.js';
import type { AppendLog } from '../storage/append-log.js';
import type { Logger } from '../logger.js';
import { bangkokParts } from '../thai/bangkok-time.js';
import type { PeopleChanges } from './report-figures.js';

/** One counted change: a day (Bangkok), what happened, and the topic for topic changes. No one's id. */
type PeopleEvent = CountedChange & { d: string };

const dayOf = (at: Date) => {
  const p = bangkokParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};

/**
 * Friends and subscribers gained and lost, per day, for the quarterly report. The friend
 * records hold only where each friend is now; this keeps what changed (follow, block,
 * subscribe, unsubscribe, per topic) as counts by Bangkok day, never who. It watches the
 * friend store, so every way of changing a friend is counted.
 */
export class PeopleStats {
  private readonly events: PeopleEvent[];

  constructor(
    private readonly log: AppendLog,
    existing: unknown[],
    private readonly clock: () => Date,
    private readonly logger?: Logger,
  ) {
    this.events = existing as PeopleEvent[];
  }

  /** The friend store's observer: called with a record before and after a change. */
  readonly observe = (before: Readonly<Friend> | undefined, after: Readonly<Friend> | undefined): void => {
    const d = dayOf(after ? new Date(after.changedAt) : this.clock());
    const found: PeopleEvent[] = countedChanges(before, after).map((c) => ({ d, ...c }));
    if (found.length === 0) return;
    this.events.push(...found);
    // Counts are statistics: a lost line costs one count, not the change itself; it is still said.
    void this.log.appendMany(found).catch((err: NodeJS.ErrnoException) => {
      this.logger?.warn('friend statistics not written', {
        where: 'people-stats.jsonl append',
        error: err.code ?? err.name,
      });
    });
  };

  /** Changes on the Bangkok days the range [from, to) covers. */
  between(from: Date, to: Date): PeopleChanges & { byTopic: Record<string, { gained: number; lost: number }> } {
    const [first, last] = [dayOf(from), dayOf(new Date(to.getTime() - 1))];
    const out = {
      friendsGained: 0,
      friendsLost: 0,
      subscribersGained: 0,
      subscribersLost: 0,
      byTopic: {} as Record<string, { gained: number; lost: number }>,
    };
    for (const e of this.events) {
      if (e.d < first || e.d > last) continue;
      if (e.k === 'friend+') out.friendsGained += 1;
      if (e.k === 'friend-') out.friendsLost += 1;
      if (e.k === 'sub+') out.subscribersGained += 1;
      if (e.k === 'sub-') out.subscribersLost += 1;
      if (e.t) {
        const topic = (out.byTopic[e.t] ??= { gained: 0, lost: 0 });
        if (e.k === 'topic+') topic.gained += 1;
        else topic.lost += 1;
      }
    }
    return out;
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
