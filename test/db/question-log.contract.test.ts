import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  QuestionLog,
  questionLogKey,
  type QuestionRecord,
  type QuestionStore,
} from '../../src/content/question-log.js';
import { deriveKeys } from '../../src/crypto/keys.js';
import { openPool } from '../../src/db/pool.js';
import { PostgresQuestionLog } from '../../src/db/question-log-postgres.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { useMigratedDatabase } from '../helpers/postgres-tenant.js';
import { describeStoreContract } from '../helpers/store-contract.js';

const DAY = 86_400_000;
const START = new Date('2026-12-06T03:00:00.000Z');
let now = START;
const clock = () => now;
const KEY = questionLogKey(deriveKeys(Buffer.alloc(32, 7)).people);
/** A small cap, so the test reaches it (the bot keeps 100,000). */
const OPTS = { maxRecords: 5 };

const question = (n: number, over: Partial<QuestionRecord> = {}): QuestionRecord => ({
  id: `q${String(n).padStart(11, 'a')}`,
  at: new Date(now.getTime() + n).toISOString(),
  intent: 'search',
  text: `ผลคะแนน ita ปี ${n}`,
  match: n % 2 ? 'ita-1' : null,
  kind: n % 2 ? 'ita' : null,
  score: n % 2 ? 0.75 : null,
  ...over,
});
/** What both backends give back (the webhook event is the file's own memory of recent replays). */
const shown = (records: QuestionRecord[]) => records.map(({ event: _e, ...r }) => r);

describeStoreContract<QuestionStore>(
  'question log contract',
  (dir) => QuestionLog.open(path.join(dir, 'questions.jsonl'), KEY, clock, OPTS),
  (scope) => Promise.resolve(new PostgresQuestionLog(scope, clock, OPTS)),
  (fresh) => {
    beforeEach(() => void (now = START));

    it('when questions are recorded, voted on and read after a restart, then each reads back as recorded, oldest first', async () => {
      const { store, reopen } = await fresh();
      await store.record(question(1));
      await store.record(question(2, { text: undefined }));
      await store.record(question(3, { intent: 'tip', text: 'เจ้าหน้าที่เรียกเงิน' }));
      expect(await store.vote(question(1).id!, false)).toBe(true);
      expect(await store.vote(question(1).id!, true)).toBe(true);
      expect(await store.vote('qunknownaaaa', true)).toBe(false);
      const again = await reopen();
      const all = shown(await again.all());
      const { text: _t2, ...second } = question(2);
      const { text: _t3, ...third } = question(3, { intent: 'tip' });
      expect(all).toEqual([{ ...question(1), vote: 'up' }, second, third]);
      expect(shown([(await again.get(question(1).id!))!])).toEqual([all[0]]);
      expect(await again.get('qunknownaaaa')).toBeUndefined();
      const middle = await again.between(new Date(START.getTime() + 2), new Date(START.getTime() + 3));
      expect(middle.map((q) => q.id)).toEqual([question(2).id]);
    });

    it('when the same webhook event is recorded twice, then it is kept once', async () => {
      const { store } = await fresh();
      await store.record(question(1, { event: 'ev-1' }));
      await store.record(question(2, { event: 'ev-1', text: 'อีกครั้ง' }));
      await store.record(question(3, { event: 'ev-2' }));
      expect((await store.all()).map((q) => q.id)).toEqual([question(1).id, question(3).id]);
    });

    it('when a group is dismissed twice, then the later time counts, after a restart too', async () => {
      const { store, reopen } = await fresh();
      expect([...(await store.dismissed())]).toEqual([]);
      await store.dismiss('ถนนชำรุด', new Date(START.getTime() - DAY));
      await store.dismiss('ถนนชำรุด', START);
      await store.dismiss('ไฟดับ', START);
      const groups = new Map(await (await reopen()).dismissed());
      expect(groups).toEqual(
        new Map([
          ['ถนนชำรุด', START.toISOString()],
          ['ไฟดับ', START.toISOString()],
        ]),
      );
    });

    it('when questions pass 365 days or the most kept, then a sweep deletes the oldest, and dismissals as old', async () => {
      const { store, reopen } = await fresh();
      await store.record(question(1, { at: new Date(START.getTime() - 366 * DAY).toISOString() }));
      await store.dismiss('เรื่องเก่า', new Date(START.getTime() - 366 * DAY));
      await store.dismiss('เรื่องใหม่', START);
      for (let n = 2; n <= 8; n++) await store.record(question(n));
      await store.sweep(now);
      const kept = await (await reopen()).all();
      expect(kept.map((q) => q.id)).toEqual([4, 5, 6, 7, 8].map((n) => question(n).id));
      expect([...(await store.dismissed()).keys()]).toEqual(['เรื่องใหม่']);
      now = new Date(START.getTime() + 366 * DAY);
      await store.sweep(now);
      expect([await store.all(), [...(await store.dismissed()).keys()]]).toEqual([[], []]);
    });
  },
);

describe.skipIf(!hasPostgres)('the question log when the database is away', () => {
  const db = useMigratedDatabase();

  it('when a question cannot be written, then recording it still resolves (the answer goes out) and one warning says where, without the words', async () => {
    const scope = await db().newTenant();
    const pool = openPool(db().url, { max: 1 });
    const logger = createMemoryLogger();
    const log = new PostgresQuestionLog({ ...scope, pool }, clock, { logger });
    await pool.end();
    await expect(log.record(question(1))).resolves.toBeUndefined();
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'question not written', where: 'question_log insert' }),
    ]);
    expect(JSON.stringify(logger.lines)).not.toContain('ผลคะแนน');
    await log.close();
  });
});
