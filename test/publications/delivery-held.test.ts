import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SenderHooks } from '../../src/publications/batch-sender.js';
import { Delivery } from '../../src/publications/delivery.js';
import type { DeliveryBatchStore } from '../../src/publications/delivery-batch-store.js';
import type { Publication } from '../../src/publications/publication.js';
import type { PublicationStore } from '../../src/publications/publication-store.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { samplePublication } from './publication-sample.js';

/** A Delivery whose sender only keeps the hooks, over a publication store that counts its reads. */
function deliveryOver(pub: Publication) {
  const rows = new Map([[pub.id, pub]]);
  let reads = 0;
  const store = {
    get: (id: string) => ((reads += 1), rows.get(id)),
    save: (p: Publication) => (rows.set(p.id, p), Promise.resolve()),
  } as unknown as PublicationStore;
  let hooks: SenderHooks | undefined;
  new Delivery({
    store,
    batches: {} as DeliveryBatchStore,
    sender: (h) => (
      (hooks = h),
      { enqueue() {}, park() {}, idle: () => Promise.resolve(), close: () => Promise.resolve() }
    ),
    friends: {
      counts: () => ({ following: 0, blocked: 0 }),
      recipientPages: async function* () {},
      userIdsOf: () => new Map(),
    },
    clock: () => new Date('2026-03-01T02:00:00.000Z'),
    logger: createMemoryLogger(),
    agencyName: () => 'เทศบาลตำบลหนองบัว',
    onSaved: () => undefined,
    onPublished: () => undefined,
  });
  return { hooks: hooks!, rows, reads: () => reads };
}

describe('Delivery: is a publication paused by LINE monthly limit', () => {
  afterEach(() => vi.useRealTimers());
  const sending = samplePublication({ status: 'sending', deliveryState: 'sending' });

  it('when batch after batch asks within half a second, then the publication is read once, not once a batch', async () => {
    const { hooks, reads } = deliveryOver(sending);
    for (let i = 0; i < 10; i++) expect(await hooks.held(sending.id)).toBe(false);
    expect(reads()).toBe(1);
  });

  it('when this process hits the monthly limit, then the next batch is held at once', async () => {
    const { hooks } = deliveryOver(sending);
    expect(await hooks.held(sending.id)).toBe(false);
    await hooks.onQuota(sending.id);
    expect(await hooks.held(sending.id)).toBe(true);
    expect(await hooks.held(sending.id)).toBe(true); // a paused one is read each time (staff may resume it)
  });

  it('when another process paused it, then it is seen as paused once half a second has passed', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { hooks, rows } = deliveryOver(sending);
    expect(await hooks.held(sending.id)).toBe(false);
    rows.set(sending.id, { ...sending, deliveryState: 'quota-exhausted' });
    vi.advanceTimersByTime(501);
    expect(await hooks.held(sending.id)).toBe(true);
  });
});
