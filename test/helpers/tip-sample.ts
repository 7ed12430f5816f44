import type { TipRecord } from '../../src/tips/tip-model.js';
import type { TipStore } from '../../src/tips/tip-store.js';

/** When the sample tips are received (fiscal year 2569). */
export const AT = '2026-03-01T02:00:00.000Z';

/** A tip as the filing code builds it, its content sealed by the store it goes into. */
export async function sampleTip(store: TipStore, over: Partial<TipRecord> = {}): Promise<TipRecord> {
  return {
    v: 1,
    id: await store.newId(),
    number: await store.nextNumber(new Date(AT)),
    receiptHash: `scrypt$${Math.random().toString(36).slice(2)}`,
    channel: 'line',
    identity: 'confidential',
    status: 'received',
    receivedAt: AT,
    updatedAt: AT,
    acknowledgedAt: null,
    feedbackAt: null,
    closedAt: null,
    purgedAt: null,
    content: store.sealContent({ what: 'ปลัดรับเงินใต้โต๊ะ', who: 'นายสมชาย', when: null, where: 'ตลาด', additions: [] }),
    reporter: store.sealText('U0123456789abcdef0123456789abcdef'),
    attachments: [],
    attachmentCount: 0,
    publicNotes: [],
    internalNotes: [],
    outcome: null,
    history: [],
    ...over,
  };
}
