import path from 'node:path';
import { expect, it } from 'vitest';
import { CLAIM_MS, PostgresInbox } from '../../src/db/inbox-postgres.js';
import { Inbox } from '../../src/line/inbox.js';
import type { InboxStore } from '../../src/line/inbox-store.js';
import { inboxEvent } from '../helpers/inbox-sample.js';
import { describeStoreContract } from '../helpers/store-contract.js';

const START = Date.parse('2026-03-01T02:00:00.000Z');
let now = START;
const clock = () => new Date(now);
const HOUR = 60 * 60_000;
const ids = (entries: Array<{ id: string }>) => entries.map((e) => e.id);

describeStoreContract<InboxStore>(
  'webhook inbox contract',
  (dir) => Inbox.open(path.join(dir, 'inbox.jsonl'), Buffer.alloc(32, 4), clock()),
  (scope) => Promise.resolve(new PostgresInbox(scope, clock)),
  (fresh) => {
    it('when events arrive, then each new one is admitted once, and a redelivery or a repeat in the batch is not', async () => {
      now = START;
      const { store } = await fresh();
      const [a, b] = [inboxEvent('ขอเบอร์โทร'), inboxEvent('งบประมาณ')];
      const admitted = await store.admit([a, b, a], clock());
      expect(ids(admitted)).toEqual([a.id, b.id]);
      expect(admitted[0]).toMatchObject({ event: a.event, receivedAt: now, replied: false });
      expect(await store.admit([a, b], clock())).toEqual([]);
    });

    it('when the process dies before handling, then after a restart the events are pending, oldest first, replies marked', async () => {
      now = START;
      const { store, reopen } = await fresh();
      const [a, b, c] = [inboxEvent('หนึ่ง'), inboxEvent('สอง'), inboxEvent('สาม')];
      await store.admit([a], clock());
      now += 1000;
      await store.admit([b, c], clock());
      await store.replying(b.id, clock());
      await store.done(c.id, clock());
      now += CLAIM_MS + 1000; // the dead process's claim has run out
      const pending = await (await reopen()).pending();
      expect(pending.map((e) => [e.id, e.replied])).toEqual([
        [a.id, false],
        [b.id, true],
      ]);
      expect(pending[0]!.event).toEqual(a.event);
    });

    it('when a handled event is redelivered, then it is not admitted for a day, and after the day it is', async () => {
      now = START;
      const { store, reopen } = await fresh();
      const a = inboxEvent('ขอบคุณ');
      await store.admit([a], clock());
      await store.done(a.id, clock());
      const again = await reopen();
      expect(await again.admit([a], clock())).toEqual([]);
      now += 25 * HOUR;
      await again.compact(clock());
      expect(ids(await again.admit([a], clock()))).toEqual([a.id]);
    });

    it('when nothing waits, then nothing is pending, and marking an unknown id changes nothing', async () => {
      now = START;
      const { store } = await fresh();
      await store.replying('01UNKNOWN', clock());
      await store.done('01UNKNOWN', clock());
      expect(await store.pending()).toEqual([]);
      expect(await store.admit([], clock())).toEqual([]);
    });
  },
);
