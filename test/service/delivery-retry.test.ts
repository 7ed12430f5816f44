import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { followEvent, userId } from '../helpers/events.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { mockLine, type RecordedCall } from '../helpers/line-nock.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { migratedDatabase, type TestDatabase } from '../helpers/postgres-tenant.js';
import { startServiceProcess, type ServiceProcess } from '../helpers/service-process.js';
import { newTown } from './service-harness.js';

const TOWN = newTown('na-kham');
const STAFF = 'na-kham-staff-token-0123456789abcdef';
/**
 * Each process looks at the database for others' work once a minute and holds a claim for two
 * minutes (the default): a delivery done within seconds was retried or resumed by the new way.
 */
const POLL_MS = 60_000;
const MONTHLY_LIMIT = { message: 'You have reached your monthly limit.' };
/** LINE's 24 hours shortened: the backoff (1 s doubling, with jitter) reaches past it on the 3rd or 4th attempt. */
const RETRY_WINDOW_MS = 6_000;
const SERVER_ERROR: [number, unknown] = [500, { message: 'An error occurred in the backend' }];

type Delivered = {
  id: string;
  status: string;
  failure: string | null;
  delivery: {
    recipients: number;
    accepted: number;
    failed: number;
    state: string;
    batches: Array<{ attempts: number }>;
  };
};

describe.skipIf(!hasPostgres)(
  'two shared-service processes: a batch LINE did not take goes again within seconds',
  () => {
    let db!: TestDatabase;
    let a!: ServiceProcess;
    let b!: ServiceProcess;
    /** How LINE answers the multicasts of a publication, by its title: [status, body] per attempt. */
    const scripts = new Map<string, Array<[number, unknown]>>();
    const multicasts = (title: string) =>
      line.calls.filter((c) => c.path === '/v2/bot/message/multicast' && JSON.stringify(c.body).includes(title));
    let line!: ReturnType<typeof mockLine>;
    const answer = (call: RecordedCall): [number, unknown?] => {
      for (const [title, script] of scripts)
        if (JSON.stringify(call.body).includes(title)) return script.shift() ?? [200, {}];
      return [200];
    };
    const opened: ServiceProcess[] = [];
    const [friendA, friendB] = [userId(401), userId(402)];
    const everyone = [friendA, friendB].sort();
    const sorted = (to: unknown) => [...(to as string[])].sort();

    const staff = async (p: ServiceProcess, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${p.url}/t/${TOWN.id}/staff/api${path}`, {
        method,
        headers: { authorization: `Bearer ${STAFF}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Delivered };
    };
    /** Reads the publication through `p` until `done` holds; how long that took. */
    const until = async (p: ServiceProcess, id: string, done: (d: Delivered) => boolean) => {
      const started = Date.now();
      for (;;) {
        const pub = (await staff(p, 'GET', `/publications/${id}`)).body;
        if (done(pub)) return { pub, ms: Date.now() - started };
        if (Date.now() - started > 20_000) throw new Error(`publication ${id} is still ${pub.status}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    /** What beforeAll got to open, closed after the tests even when it failed halfway. */
    const closing: { line?: ReturnType<typeof mockLine>; db?: TestDatabase } = {};
    beforeAll(async () => {
      line = closing.line = mockLine(answer);
      db = closing.db = await migratedDatabase();
      await db.tenants.add({ ...TOWN });
      const env = { STAFF_TOKENS: `${TOWN.id}/somchai:${STAFF}` };
      const runtime = { publishing: { pollMs: POLL_MS, retryWindowMs: RETRY_WINDOW_MS } };
      opened.push((a = await startServiceProcess(db, db.pool, TOWN, env, runtime)));
      opened.push((b = await startServiceProcess(db, db.secondPool(), TOWN, env, runtime)));
      expect(await a.webhook(followEvent(friendA), followEvent(friendB))).toBe(200);
    }, 60_000);
    afterEach(() => {
      for (const call of line.calls) expectLineValid(call.path, call.body, call.headers);
    });
    afterAll(async () => {
      for (const p of opened) await p.stop();
      closing.line?.done();
      await closing.db?.close();
    });

    it('when LINE answers 500 twice and then accepts, then the publication is sent within a few seconds, each friend once, with one retry key on all three requests', async () => {
      const title = 'ประกาศงดจ่ายน้ำประปาชั่วคราว';
      scripts.set(title, [SERVER_ERROR, SERVER_ERROR]);
      const created = await staff(b, 'POST', '/publications', { topic: 'news', title, body: 'วันพุธ 9.00-12.00 น.' });
      expect(created.status).toBe(201);
      const { pub, ms } = await until(a, created.body.id, (d) => d.status !== 'sending' && d.status !== 'scheduled');
      expect(ms).toBeLessThan(15_000); // backoff 0.5-1 s, then 1-2 s (a loaded machine adds some); the lease is 2 minutes
      expect(pub.status).toBe('sent');
      expect(pub.delivery).toMatchObject({ recipients: 2, accepted: 2, failed: 0, batches: [{ attempts: 3 }] });
      const calls = multicasts(title);
      expect(calls.map((c) => sorted(c.body.to))).toEqual([everyone, everyone, everyone]);
      expect(new Set(calls.map((c) => c.headers['x-line-retry-key'])).size).toBe(1);
    });

    it('when LINE says the monthly limit is reached and staff resume through the other process, then it is sent at once, each friend once', async () => {
      const title = 'ประกาศรับสมัครอาสาสมัครป้องกันภัย';
      scripts.set(title, [[429, MONTHLY_LIMIT]]);
      const created = await staff(b, 'POST', '/publications', { topic: 'news', title, body: 'สมัครได้ที่สำนักปลัด' });
      const id = created.body.id;
      await until(a, id, (d) => d.delivery.state === 'quota-exhausted');
      expect(multicasts(title)).toHaveLength(1);

      const resumed = await staff(a, 'POST', `/publications/${id}/resume`);
      expect(resumed.status).toBe(200);
      const { pub, ms } = await until(a, id, (d) => d.status === 'sent');
      expect(ms).toBeLessThan(15_000); // not the 2-minute lease, not the 1-minute poll
      expect(pub.delivery).toMatchObject({ recipients: 2, accepted: 2, state: 'done' });
      const calls = multicasts(title);
      expect(calls.map((c) => sorted(c.body.to))).toEqual([everyone, everyone]);
      expect(new Set(calls.map((c) => c.headers['x-line-retry-key'])).size).toBe(1);
    });

    it('when LINE answers 500 every time, then the batch stops once the next wait would pass the retry window, and the publication is failed with why and its figures', async () => {
      const title = 'ประกาศเลื่อนการประชุมสภา';
      scripts.set(
        title,
        Array.from({ length: 10 }, () => SERVER_ERROR),
      );
      const created = await staff(b, 'POST', '/publications', { topic: 'news', title, body: 'เลื่อนไปวันศุกร์' });
      const { pub, ms } = await until(a, created.body.id, (d) => d.status !== 'sending' && d.status !== 'scheduled');
      expect(ms).toBeLessThan(RETRY_WINDOW_MS + 10_000);
      expect(pub.status).toBe('failed');
      expect(pub.failure).toContain('no answer from LINE');
      expect(pub.delivery).toMatchObject({ recipients: 2, accepted: 0, failed: 2, pending: 0, state: 'done' });
      const attempts = multicasts(title).length;
      // 3 or 4 (jitter); fewer only if answers come seconds late; never a 5th: it would start past 6 s
      expect(attempts).toBeGreaterThanOrEqual(2);
      expect(attempts).toBeLessThanOrEqual(4);
      expect(pub.delivery.batches).toMatchObject([{ attempts }]);
      expect(new Set(multicasts(title).map((c) => c.headers['x-line-retry-key'])).size).toBe(1);
    });
  },
);
