import { deadlinesOf, overdueOf, type TipRules } from './deadlines.js';
import type { EvidenceStore } from './evidence-store.js';
import type { TipStore } from './tip-store.js';
import { TIP_STATUS_NAMES, type TipRecord, type TipStatus } from './tip-model.js';

export interface StatusChange {
  status: TipStatus;
  /** Shown to the reporter. */
  publicNote?: string | undefined;
  /** Required when closing; shown to the reporter with the closing. */
  outcome?: string | undefined;
}

/** A tip in a list: what handling needs, no content. */
export function tipSummary(tip: TipRecord, rules: TipRules, now: Date) {
  const { acknowledgeBy, feedbackBy } = deadlinesOf(tip, rules);
  const overdue = overdueOf(tip, rules, now);
  return {
    id: tip.id,
    /** The staff's readable number ("2569-0012"), never the receipt. */
    number: tip.number ?? null,
    status: tip.status,
    statusName: TIP_STATUS_NAMES[tip.status],
    channel: tip.channel,
    identity: tip.identity,
    receivedAt: tip.receivedAt,
    updatedAt: tip.updatedAt,
    acknowledgedAt: tip.acknowledgedAt,
    feedbackAt: tip.feedbackAt,
    closedAt: tip.closedAt,
    deadlines: { acknowledgeBy: acknowledgeBy.toISOString(), feedbackBy: feedbackBy.toISOString() },
    overdue: { ...overdue, any: overdue.acknowledge || overdue.feedback },
    attachmentCount: tip.attachmentCount,
    purged: tip.purgedAt !== null,
  };
}

/**
 * The staff's side: list and read tips, move them through the statuses (meeting the
 * acknowledgement and feedback deadlines on the way), keep internal notes, fetch evidence.
 * Content is opened only for `read` and `attachment`; the caller audits every call.
 */
export class TipDesk {
  constructor(
    private readonly repo: TipStore,
    private readonly files: EvidenceStore,
    readonly rules: TipRules,
  ) {}

  async list(filter: { status?: TipStatus | undefined; overdue?: boolean | undefined }, now: Date) {
    return (await this.repo.all())
      .map((tip) => tipSummary(tip, this.rules, now))
      .filter(
        (t) =>
          (!filter.status || t.status === filter.status) &&
          (filter.overdue === undefined || t.overdue.any === filter.overdue),
      )
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  }

  async read(id: string, now: Date) {
    const tip = await this.repo.get(id);
    if (!tip) return null;
    const content = this.repo.openContent(tip);
    return {
      ...tipSummary(tip, this.rules, now),
      content,
      attachments: tip.attachments.map((a) => ({ ...a, url: `/staff/api/tips/${tip.id}/attachments/${a.id}` })),
      publicNotes: tip.publicNotes.map((n) => ({ at: n.at, text: this.repo.openText(n.sealed) })),
      internalNotes: tip.internalNotes.map((n) => ({ at: n.at, by: n.by, text: this.repo.openText(n.sealed) })),
      outcome: tip.outcome ? this.repo.openText(tip.outcome) : null,
      history: tip.history,
      /** Whether the reporter asked to be told of progress (never who they are). */
      notifiesReporter: Boolean(tip.reporter),
    };
  }

  /**
   * Applies a status change and/or a public note; 'gone' when the content was deleted. Made
   * inside the store's update, so two changes at once each see the other's (the history keeps both).
   */
  async changeStatus(id: string, change: StatusChange, by: string, now: Date) {
    const seen: { gone?: boolean; done?: { from: TipStatus; statusChanged: boolean } } = {};
    const tip = await this.repo.update(id, (current) => {
      if (!current || current.purgedAt) return ((seen.gone = Boolean(current)), undefined);
      seen.done = this.applyChange(current, change, by, now);
      return current;
    });
    if (!tip || !seen.done) return seen.gone ? { result: 'gone' as const } : { result: 'missing' as const };
    return {
      result: 'ok' as const,
      ...seen.done,
      tip,
      reporter: tip.reporter ? this.repo.openText(tip.reporter) : null,
    };
  }

  /** Changes `tip` in place; returns the status it had and whether it changed. */
  private applyChange(tip: TipRecord, change: StatusChange, by: string, now: Date) {
    const at = now.toISOString();
    const from = tip.status;
    const statusChanged = from !== change.status;
    if (statusChanged) {
      tip.history.push({ at, from, to: change.status, by });
      tip.status = change.status;
      tip.acknowledgedAt ??= at;
      if (change.status === 'referred' || change.status === 'closed') tip.feedbackAt ??= at;
      tip.closedAt = change.status === 'closed' ? at : null;
    }
    if (change.status === 'closed' && change.outcome) tip.outcome = this.repo.sealText(change.outcome);
    if (change.status !== 'closed') tip.outcome = null;
    if (change.publicNote) {
      tip.publicNotes.push({ at, sealed: this.repo.sealText(change.publicNote) });
      tip.feedbackAt ??= at;
    }
    tip.updatedAt = at;
    return { from, statusChanged };
  }

  async addNote(id: string, text: string, by: string, now: Date): Promise<'ok' | 'missing' | 'gone'> {
    let result: 'ok' | 'missing' | 'gone' = 'missing';
    await this.repo.update(id, (tip) => {
      result = !tip ? 'missing' : tip.purgedAt ? 'gone' : 'ok';
      if (result !== 'ok' || !tip) return undefined;
      tip.internalNotes.push({ at: now.toISOString(), by, sealed: this.repo.sealText(text) });
      tip.updatedAt = now.toISOString();
      return tip;
    });
    return result;
  }

  async attachment(id: string, attachmentId: string) {
    const found = (await this.repo.get(id))?.attachments.find((a) => a.id === attachmentId);
    return found ? { type: found.type, bytes: await this.files.read(found.id) } : null;
  }
}
