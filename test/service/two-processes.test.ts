import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Pool } from '../../src/db/pool.js';
import { TenantRepository } from '../../src/db/tenants.js';
import type { Runtime } from '../../src/runtime.js';
import { createSharedService, type SharedService } from '../../src/service/shared-service.js';
import { followEvent, sign, textEvent, unfollowEvent, userId, webhookBody } from '../helpers/events.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { LINE_BASE, mockLine, type RecordedCall } from '../helpers/line-nock.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { migratedDatabase, type TestDatabase } from '../helpers/postgres-tenant.js';
import { tempDir } from '../helpers/temp-dir.js';
import { newTown } from './service-harness.js';

/** The service key migratedDatabase() seals tenants under (test/helpers/postgres-tenant.ts). */
const SERVICE_KEY = Buffer.alloc(32, 9);
const TOWN = newTown('nong-bua');
const STAFF = 'nong-bua-staff-token-0123456789abcdef';
/** How often each process looks at the database for others' work (5 s in production). */
const POLL_MS = 200;

/** One process of the shared service: its own pool, DATA_DIR, tenant bots and listener. */
interface ServiceProcess {
  url: string;
  service: SharedService;
  logs: Array<Record<string, unknown>>;
  server: Server;
}

async function startProcess(db: TestDatabase, pool: Pool): Promise<ServiceProcess> {
  const config = loadConfig({
    DATA_DIR: await tempDir(),
    TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    STAFF_TOKENS: `${TOWN.id}/somchai:${STAFF}`,
    DATABASE_URL: db.url,
    SERVICE_KEY: SERVICE_KEY.toString('base64'),
    LINE_API_BASE_URL: LINE_BASE,
    LINE_DATA_API_BASE_URL: LINE_BASE,
  });
  const logger = createMemoryLogger();
  const service = createSharedService({
    config,
    database: { pool, tenants: new TenantRepository(pool, SERVICE_KEY) },
    // No single town in these processes: only the tenant is asked for
    town: express(),
    logger,
    runtime: { publishing: { pollMs: POLL_MS } },
  });
  await service.tenants.warm();
  const server = await new Promise<Server>((resolve) => {
    const s = service.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, service, logs: logger.lines, server };
}

async function runtimeOf(p: ServiceProcess): Promise<Runtime> {
  const found = await p.service.tenants.lookup(TOWN.id);
  if (found.kind !== 'active') throw new Error(`tenant is ${found.kind}`);
  return found.runtime;
}

/** Posts signed events to the process's tenant webhook and waits until its bot has handled them. */
async function webhook(p: ServiceProcess, ...events: unknown[]): Promise<number> {
  const body = webhookBody(...events);
  const res = await fetch(`${p.url}/webhook/${TOWN.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, TOWN.channelSecret) },
    body,
  });
  await new Promise((r) => setTimeout(r, 20));
  await (await runtimeOf(p)).dispatcher.idle();
  return res.status;
}

function staff(p: ServiceProcess, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${p.url}/t/${TOWN.id}/staff/api${path}`, {
    method,
    headers: { authorization: `Bearer ${STAFF}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

type Delivered = { id: string; status: string; delivery: { recipients: number; accepted: number; pending: number } };

/** Reads the publication through `p`'s staff API until its sending is over. */
async function whenSent(p: ServiceProcess, id: string): Promise<Delivered> {
  for (let i = 0; i < 200; i += 1) {
    const pub = (await (await staff(p, 'GET', `/publications/${id}`)).json()) as Delivered;
    if (pub.status === 'sent' || pub.status === 'failed') return pub;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`publication ${id} was not sent within 10 s`);
}

/** Each user id the multicasts carrying `title` went to, with how many times. */
function recipientsOf(calls: RecordedCall[], title: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls.filter((c) => c.path === '/v2/bot/message/multicast')) {
    if (!JSON.stringify(call.body.messages).includes(title)) continue;
    for (const to of call.body.to as string[]) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

describe.skipIf(!hasPostgres)('two processes of the shared service serving one tenant from one database', () => {
  let db!: TestDatabase;
  let line!: ReturnType<typeof mockLine>;
  let a!: ServiceProcess;
  let b!: ServiceProcess;
  /** What beforeAll got to open, closed after the tests even when it failed halfway. */
  const opened: { db?: TestDatabase; line?: ReturnType<typeof mockLine>; processes: ServiceProcess[] } = {
    processes: [],
  };
  const [following, viaB, blocked, unsubscribed] = [userId(301), userId(302), userId(303), userId(304)];

  beforeAll(async () => {
    db = opened.db = await migratedDatabase();
    await db.tenants.add({ ...TOWN });
    line = opened.line = mockLine();
    a = await startProcess(db, db.pool);
    opened.processes.push(a);
    b = await startProcess(db, db.secondPool());
    opened.processes.push(b);
  }, 60_000);
  afterEach(() => {
    for (const call of line.calls) expectLineValid(call.path, call.body, call.headers);
  });
  afterAll(async () => {
    for (const p of opened.processes) {
      await new Promise((r) => p.server.close(r));
      await p.service.close();
    }
    opened.line?.done();
    await opened.db?.close();
  });

  it('when friends follow, block and unsubscribe through either process, then a publication made through the other reaches each subscriber once, and the first process lists it', async () => {
    expect(await webhook(a, followEvent(following), followEvent(blocked), followEvent(unsubscribed))).toBe(200);
    expect(await webhook(b, followEvent(viaB), unfollowEvent(blocked))).toBe(200);
    expect(await webhook(a, textEvent(unsubscribed, 'ยกเลิกรับข่าวสาร'))).toBe(200);
    // B's figures count A's follows: one database
    const stats = (await (await staff(b, 'GET', '/stats')).json()) as { subscribers: number };
    expect(stats.subscribers).toBe(2);

    const title = 'ประชาคมหมู่บ้านเรื่องถนนสายหลัก';
    const created = await staff(b, 'POST', '/publications', { topic: 'news', title, body: 'วันเสาร์นี้ 09.00 น.' });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const sent = await whenSent(a, id);
    expect(sent.delivery).toMatchObject({ recipients: 2, accepted: 2, pending: 0 });
    expect(Object.fromEntries(recipientsOf(line.calls, title))).toEqual({ [following]: 1, [viaB]: 1 });

    const listed = (await (await staff(a, 'GET', '/publications')).json()) as { publications: Delivered[] };
    expect(listed.publications.map((p) => [p.id, p.status, p.delivery.accepted])).toEqual([[id, 'sent', 2]]);
    // A's chat learns of it within a poll: ข่าวล่าสุด through A shows it
    await new Promise((r) => setTimeout(r, POLL_MS * 3));
    line.calls.length = 0;
    await webhook(a, textEvent(following, 'ข่าวล่าสุด'));
    expect(JSON.stringify(line.replies()[0]?.body)).toContain(title);
  });

  it('when a scheduled publication falls due while both processes look every 200 ms, then one of them starts it and each subscriber gets it once', async () => {
    const title = 'ประกาศปิดถนนชั่วคราวหน้าตลาด';
    const publishAt = new Date(Date.now() + 1500).toISOString();
    const created = await staff(b, 'POST', '/publications', { topic: 'news', title, body: 'ปิดถนนวันอาทิตย์', publishAt });
    expect(created.status).toBe(201);
    const { id, status } = (await created.json()) as Delivered;
    expect(status).toBe('scheduled');
    expect(recipientsOf(line.calls, title).size).toBe(0);

    const sent = await whenSent(a, id);
    expect(sent.delivery).toMatchObject({ recipients: 2, accepted: 2 });
    // Both kept looking for a while after: nobody sends it again
    await new Promise((r) => setTimeout(r, POLL_MS * 5));
    expect(Object.fromEntries(recipientsOf(line.calls, title))).toEqual({ [following]: 1, [viaB]: 1 });
    const starts = [...a.logs, ...b.logs].filter((l) => l.msg === 'publication sending' && l.publication === id);
    expect(starts).toHaveLength(1);
  });

  it('when either process lists by status, then both publications are there with their figures only, and a bad status is refused', async () => {
    for (const p of [a, b]) {
      const sent = (await (await staff(p, 'GET', '/publications?status=sent')).json()) as { publications: Delivered[] };
      expect(sent.publications.map((x) => x.delivery)).toEqual([
        { recipients: 2, accepted: 2, failed: 0, dropped: 0, pending: 0, state: 'done' },
        { recipients: 2, accepted: 2, failed: 0, dropped: 0, pending: 0, state: 'done' },
      ]);
      const scheduled = (await (await staff(p, 'GET', '/publications?status=scheduled')).json()) as {
        publications: Delivered[];
      };
      expect(scheduled.publications).toEqual([]);
      expect((await staff(p, 'GET', '/publications?status=posted')).status).toBe(400);
    }
  });

  it('when a process is asked for a publication that does not exist, then 404 not_found from either', async () => {
    for (const p of [a, b]) {
      const res = await staff(p, 'GET', '/publications/pub-nothing-here');
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });
});
