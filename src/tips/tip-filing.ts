import { newReceipt, type ReceiptHasher } from './receipt-code.js';
import type { TipStore } from './tip-store.js';
import { TIP_STATUS_NAMES, type Attachment, type NewTip, type TipRecord, type TipStatus } from './tip-model.js';

/** What a reporter may see of their tip: status, dates, public notes and the outcome — never internal notes. */
export interface PublicTipView {
  status: TipStatus;
  statusName: string;
  receivedAt: Date;
  /** The last change the reporter can see (a status change or a public note). */
  lastUpdateAt: Date;
  notes: Array<{ at: Date; text: string }>;
  outcome: string | null;
}

/**
 * The reporter's side of the tip channel, the same for chat and the web form: file a tip
 * (which makes its receipt), find a tip by receipt, add information to it.
 */
export class TipFiling {
  constructor(
    private readonly repo: TipStore,
    private readonly hash: ReceiptHasher,
  ) {}

  /** Stores the tip; the receipt is returned once and never stored in clear. */
  async file(tip: NewTip, now: Date): Promise<{ id: string; receipt: string }> {
    let receipt = newReceipt();
    let receiptHash = await this.hash(receipt);
    while (await this.repo.idForReceipt(receiptHash)) {
      receipt = newReceipt();
      receiptHash = await this.hash(receipt);
    }
    const at = now.toISOString();
    const record: TipRecord = {
      v: 1,
      id: await this.repo.newId(),
      number: await this.repo.nextNumber(now),
      receiptHash,
      channel: tip.channel,
      identity: tip.notifyUserId ? 'confidential' : 'anonymous',
      status: 'received',
      receivedAt: at,
      updatedAt: at,
      acknowledgedAt: null,
      feedbackAt: null,
      closedAt: null,
      purgedAt: null,
      content: this.repo.sealContent({ ...tip.content, additions: [] }),
      // An anonymous tip has no reporter field at all.
      ...(tip.notifyUserId ? { reporter: this.repo.sealText(tip.notifyUserId) } : {}),
      attachments: tip.attachments,
      attachmentCount: tip.attachments.length,
      publicNotes: [],
      internalNotes: [],
      outcome: null,
      history: [],
    };
    await this.repo.save(record);
    return { id: record.id, receipt };
  }

  /** The tip a receipt opens, or null: a wrong receipt and an unknown one are the same. */
  async find(receipt: string): Promise<TipRecord | null> {
    const id = await this.repo.idForReceipt(await this.hash(receipt));
    const tip = id ? await this.repo.get(id) : undefined;
    return tip && tip.purgedAt === null ? tip : null;
  }

  /** Appends what the reporter adds later (text and/or images); false when the tip is closed or gone. */
  async addInformation(id: string, text: string, attachments: Attachment[], now: Date): Promise<boolean> {
    // Inside the store's update, so a staff change made at the same moment is not lost
    const saved = await this.repo.update(id, (tip) => {
      const content = tip && this.repo.openContent(tip);
      if (!tip || !content || tip.status === 'closed') return undefined;
      const at = now.toISOString();
      if (text.trim()) content.additions.push({ at, text });
      tip.content = this.repo.sealContent(content);
      tip.attachments.push(...attachments);
      tip.attachmentCount += attachments.length;
      tip.updatedAt = at;
      return tip;
    });
    return saved !== undefined;
  }

  publicView(tip: TipRecord): PublicTipView {
    const notes = tip.publicNotes.map((n) => ({ at: new Date(n.at), text: this.repo.openText(n.sealed) }));
    const changes = [tip.receivedAt, ...tip.history.map((h) => h.at), ...tip.publicNotes.map((n) => n.at)].sort();
    return {
      status: tip.status,
      statusName: TIP_STATUS_NAMES[tip.status],
      receivedAt: new Date(tip.receivedAt),
      lastUpdateAt: new Date(changes.at(-1)!),
      notes,
      outcome: tip.status === 'closed' && tip.outcome ? this.repo.openText(tip.outcome) : null,
    };
  }
}
