import path from 'node:path';
import { expect, it } from 'vitest';
import { PostgresTipStore } from '../../src/db/tip-store-postgres.js';
import type { TipRecord } from '../../src/tips/tip-model.js';
import { TipRepo } from '../../src/tips/tip-repo.js';
import type { TipStore } from '../../src/tips/tip-store.js';
import { describeStoreContract } from '../helpers/store-contract.js';
import { AT, sampleTip } from '../helpers/tip-sample.js';

describeStoreContract<TipStore>(
  'tip store contract',
  (dir) => TipRepo.open(path.join(dir, 'tips.jsonl'), Buffer.alloc(32, 1)),
  (scope) => Promise.resolve(new PostgresTipStore(scope)),
  (fresh) => {
    it('when a tip is saved, then it reads back whole by id and by receipt, and its content opens', async () => {
      const { store } = await fresh();
      const tip = await sampleTip(store);
      await store.save(tip);
      expect(await store.get(tip.id)).toEqual(tip);
      expect(await store.idForReceipt(tip.receiptHash!)).toBe(tip.id);
      expect(store.openContent((await store.get(tip.id))!)?.what).toBe('ปลัดรับเงินใต้โต๊ะ');
      expect(store.openText(tip.reporter!)).toBe('U0123456789abcdef0123456789abcdef');
      expect(await store.get('zzzzzzzzzzzz')).toBeUndefined();
      expect(await store.idForReceipt('scrypt$unknown')).toBeUndefined();
    });

    it('when a tip moves through statuses, then its history is kept in order and the deadlines fields read back', async () => {
      const { store, reopen } = await fresh();
      const tip = await sampleTip(store);
      await store.save(tip);
      const moved: TipRecord = {
        ...tip,
        status: 'investigating',
        acknowledgedAt: '2026-03-02T01:00:00.000Z',
        feedbackAt: '2026-03-05T01:00:00.000Z',
        publicNotes: [{ at: '2026-03-05T01:00:00.000Z', sealed: store.sealText('รับเรื่องแล้ว') }],
        internalNotes: [{ at: '2026-03-05T01:00:00.000Z', sealed: store.sealText('โทรหาผู้แจ้ง'), by: 'somchai' }],
        history: [
          { at: '2026-03-02T01:00:00.000Z', from: 'received', to: 'assessing', by: 'somchai' },
          { at: '2026-03-05T01:00:00.000Z', from: 'assessing', to: 'investigating', by: 'malee' },
        ],
      };
      await store.save(moved);
      expect(await (await reopen()).get(tip.id)).toEqual(moved);
    });

    it('when retention clears a tip, then its old receipt finds nothing and the clear record remains', async () => {
      const { store } = await fresh();
      const tip = await sampleTip(store);
      await store.save(tip);
      const { reporter: _gone, ...rest } = tip; // as retention does: the field goes
      const purged = { ...rest, receiptHash: null, content: null, purgedAt: AT };
      await store.save(purged);
      await store.compact();
      expect(await store.idForReceipt(tip.receiptHash!)).toBeUndefined();
      expect(await store.get(tip.id)).toEqual(purged);
    });

    it('when numbers are handed out, then they follow each other within a fiscal year and restart in the next', async () => {
      const { store, reopen } = await fresh();
      const first = await sampleTip(store);
      await store.save(first);
      await store.save(await sampleTip(store));
      expect(first.number).toBe('2569-0001');
      expect(await (await reopen()).nextNumber(new Date(AT))).toBe('2569-0003');
      expect(await store.nextNumber(new Date('2026-10-01T00:00:00.000Z'))).toBe('2570-0001');
    });

    it('when tips are listed or filtered, then every saved tip is there and the filter picks by clear fields', async () => {
      const { store } = await fresh();
      const open = await sampleTip(store);
      const closed = await sampleTip(store, { status: 'closed', closedAt: AT });
      await store.save(open);
      await store.save(closed);
      expect((await store.all()).map((t) => t.id).sort()).toEqual([open.id, closed.id].sort());
      expect(await store.idsWhere((t) => t.status === 'closed')).toEqual([closed.id]);
    });

    it('when a record is invalid, then save refuses it and nothing is stored', async () => {
      const { store } = await fresh();
      const tip = await sampleTip(store);
      await expect(store.save({ ...tip, status: 'lost' as TipRecord['status'] })).rejects.toThrow();
      expect(await store.get(tip.id)).toBeUndefined();
    });
  },
);
