import { expect, it } from 'vitest';
import type { ConversationState, ConversationStore } from '../../src/bot/conversation.js';
import { PostgresConversationStore } from '../../src/db/conversation-store-postgres.js';
import { userId } from '../helpers/events.js';
import { fileConversations } from '../helpers/friend-stores.js';
import { describeStoreContract } from '../helpers/store-contract.js';

const state = (step: string, what = 'ถนนชำรุดหน้าโรงเรียน'): ConversationState => ({
  v: 1,
  flow: 'tip',
  step,
  draft: { what },
  updatedAt: '2026-03-01T02:00:00.000Z',
});

describeStoreContract<ConversationStore>(
  'conversation store contract',
  fileConversations,
  (scope) => Promise.resolve(new PostgresConversationStore(scope)),
  (fresh) => {
    it('when a state is saved, replaced and ended, then each read gives the latest, after a restart too', async () => {
      const { store, reopen } = await fresh();
      expect(await store.get(userId(1))).toBeUndefined();
      await store.save(userId(1), state('what'));
      await store.save(userId(1), state('where'));
      await store.save(userId(2), state('what', 'อีกเรื่อง'));
      expect(await (await reopen()).get(userId(1))).toEqual(state('where'));
      await store.save(userId(1), null);
      await store.forget(userId(2));
      expect([await store.get(userId(1)), await store.get(userId(2))]).toEqual([undefined, undefined]);
      await store.save(userId(3), null); // ending a conversation nobody had is no error
    });

    it('when a sweep runs, then states are replaced, ended or left as it says, and it counts the changes', async () => {
      const { store, reopen } = await fresh();
      for (const n of [1, 2, 3]) await store.save(userId(n), state(`step-${n}`));
      const changed = await store.sweep((s) =>
        s.step === 'step-1' ? { ...s, step: 'expired' } : s.step === 'step-2' ? null : undefined,
      );
      expect(changed).toBe(2);
      const again = await reopen();
      expect((await again.get(userId(1)))?.step).toBe('expired');
      expect(await again.get(userId(2))).toBeUndefined();
      expect(await again.get(userId(3))).toEqual(state('step-3'));
      expect(await again.sweep(() => undefined)).toBe(0);
    });
  },
);
