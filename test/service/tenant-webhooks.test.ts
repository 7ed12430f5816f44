import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PostgresInbox } from '../../src/db/inbox-postgres.js';
import { tenantScope } from '../../src/db/postgres-stores.js';
import { parseEvent } from '../../src/line/event-schema.js';
import { SECRET, TOKEN, followEvent, sign, textEvent, userId } from '../helpers/events.js';
import { hasPostgres } from '../helpers/postgres-database.js';
import { TOWNS, newTown, useService, type TestService } from './service-harness.js';

/** The reply LINE received for an event, and the access token it was sent with. */
function replyTo(s: TestService, event: { replyToken: string }) {
  const call = s.line.replies().find((c) => c.body.replyToken === event.replyToken);
  return call && { token: call.headers.authorization, body: call.body };
}

const inboxRows = (s: TestService, tenant: string) => s.db.dumpWhere('inbox_events', tenant);

describe.skipIf(!hasPostgres)('the shared service: each tenant its own webhook', () => {
  let s!: TestService;
  useService((started) => (s = started));

  it('when two tenants with different channel secrets are sent a message, then each replies with its own access token', async () => {
    const toA = textEvent(userId(101), 'สวัสดี');
    const toB = textEvent(userId(102), 'สวัสดี');
    expect((await s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, toA)).status).toBe(200);
    expect((await s.webhook(`/webhook/${TOWNS.b.id}/`, TOWNS.b.secret, toB)).status).toBe(200);
    expect(replyTo(s, toA)?.token).toBe(`Bearer ${TOWNS.a.token}`);
    expect(replyTo(s, toB)?.token).toBe(`Bearer ${TOWNS.b.token}`);
    expect(s.service.tenants.runningIds().sort()).toEqual([TOWNS.a.id, TOWNS.b.id]);
  });

  it("when a tenant's event is handled, then it went through that tenant's rows and its files are under DATA_DIR/tenants/<id>", async () => {
    const before = (await inboxRows(s, TOWNS.a.id)).length;
    const follow = followEvent(userId(103));
    expect((await s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, follow)).status).toBe(200);
    expect(replyTo(s, follow)?.token).toBe(`Bearer ${TOWNS.a.token}`);
    expect((await inboxRows(s, TOWNS.a.id)).length).toBe(before + 1);
    // Its friends are rows of its own (the other processes' fan-out reads them), not a file under its folder
    expect(await s.db.dumpWhere('friends', TOWNS.a.id)).not.toHaveLength(0);
    expect(fs.existsSync(path.join(s.dataDir, 'tenants', TOWNS.a.id, 'state'))).toBe(true);
    expect(fs.existsSync(path.join(s.dataDir, 'tenants', TOWNS.a.id, 'state', 'friends.jsonl'))).toBe(false);
    // Its report's gained and lost are counted in its rows too (friend_change_counts)
    expect(await s.db.dumpWhere('friend_change_counts', TOWNS.a.id)).not.toHaveLength(0);
    expect(fs.existsSync(path.join(s.dataDir, 'tenants', TOWNS.a.id, 'state', 'people-stats.jsonl'))).toBe(false);
    const opened = (tenant?: string) => s.logs.find((l) => l.msg === 'stores opened' && l.tenant === tenant);
    expect(opened(TOWNS.a.id)).toMatchObject({
      inbox: 'postgres',
      tips: 'postgres',
      audit: 'postgres',
      friends: 'postgres',
      publications: 'postgres',
    });
    expect(opened()).toMatchObject({ inbox: 'file', tips: 'file', audit: 'file', friends: 'file' });
    // The single town's own files hold nothing of it
    expect(fs.existsSync(path.join(s.dataDir, 'state', 'inbox.jsonl'))).toBe(true);
    expect(fs.readFileSync(path.join(s.dataDir, 'state', 'inbox.jsonl'), 'utf8')).not.toContain(follow.webhookEventId);
  });

  it("when a tenant's webhook gets the same event twice or a body that is not JSON, then one reply, and 400 for the bad body", async () => {
    const event = textEvent(userId(113), 'สวัสดี');
    expect((await s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, event)).status).toBe(200);
    expect((await s.webhook(`/webhook/${TOWNS.a.id}`, TOWNS.a.secret, event)).status).toBe(200);
    expect(s.line.replies().filter((c) => c.body.replyToken === event.replyToken)).toHaveLength(1);
    const body = '{"events": [';
    const res = await fetch(`${s.url}/webhook/${TOWNS.a.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, TOWNS.a.secret) },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_body' } });
  });

  it("when a body signed with tenant A's secret is sent to B's webhook, then 401, nothing stored, nothing sent", async () => {
    const before = await inboxRows(s, TOWNS.b.id);
    const res = await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.a.secret, textEvent(userId(104), 'สวัสดี'));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'bad_signature' } });
    expect(await inboxRows(s, TOWNS.b.id)).toEqual(before);
    expect(s.line.calls).toEqual([]);
  });

  it('when the tenant is suspended, then 403 tenant_suspended, no event stored, nothing sent', async () => {
    const res = await s.webhook(`/webhook/${TOWNS.closed.id}`, TOWNS.closed.secret, textEvent(userId(105), 'สวัสดี'));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'tenant_suspended', message: 'this municipality is suspended on the service' },
    });
    expect(await inboxRows(s, TOWNS.closed.id)).toEqual([]);
    expect(s.line.calls).toEqual([]);
    expect(s.service.tenants.runningIds()).not.toContain(TOWNS.closed.id);
  });

  it('when the tenant is unknown or its id malformed, then 404 unknown_tenant', async () => {
    for (const id of ['nowhere', 'Bad_Id', 'x'.repeat(40)]) {
      const res = await s.webhook(`/webhook/${id}`, SECRET, textEvent(userId(106), 'สวัสดี'));
      expect(res.status, id).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'unknown_tenant' } });
    }
    expect(s.line.calls).toEqual([]);
  });

  it("when plain /webhook is called, then the single town answers with its own channel, and a tenant's signature is refused", async () => {
    const event = textEvent(userId(107), 'สวัสดี');
    expect((await s.webhook('/webhook', SECRET, event)).status).toBe(200);
    expect(replyTo(s, event)?.token).toBe(`Bearer ${TOKEN}`);
    expect((await s.webhook('/webhook', TOWNS.a.secret, textEvent(userId(108), 'สวัสดี'))).status).toBe(401);
    expect(s.line.replies()).toHaveLength(1);
  });

  it('when a tenant is suspended while its bot runs, then its bot is closed and its webhook refused', async () => {
    await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.b.secret, textEvent(userId(109), 'สวัสดี'));
    await s.db.tenants.setStatus(TOWNS.b.id, 'suspended');
    const res = await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.b.secret, textEvent(userId(110), 'สวัสดี'));
    expect(res.status).toBe(403);
    expect(s.service.tenants.runningIds()).not.toContain(TOWNS.b.id);
    await s.db.tenants.setStatus(TOWNS.b.id, 'active');
    const back = textEvent(userId(111), 'สวัสดี');
    expect((await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.b.secret, back)).status).toBe(200);
    expect(replyTo(s, back)?.token).toBe(`Bearer ${TOWNS.b.token}`);
  });

  it('when a running tenant is suspended elsewhere, then the status check stops its bot without waiting for a request', async () => {
    await s.webhook(`/webhook/${TOWNS.b.id}`, TOWNS.b.secret, textEvent(userId(114), 'สวัสดี'));
    expect(s.service.tenants.runningIds()).toContain(TOWNS.b.id);
    await s.db.tenants.setStatus(TOWNS.b.id, 'suspended'); // as `npm run tenant -- suspend` in another process
    expect(await s.service.tenants.stopSuspended()).toEqual([TOWNS.b.id]);
    expect(s.service.tenants.runningIds()).not.toContain(TOWNS.b.id);
    expect(s.logs.some((l) => l.msg === 'tenant bot stopped' && l.tenant === TOWNS.b.id)).toBe(true);
    await s.db.tenants.setStatus(TOWNS.b.id, 'active');
  });

  it("when the service starts its tenants, then an event a stopped process acknowledged is handled by that tenant's bot", async () => {
    const town = newTown('e-town');
    await s.db.tenants.add(town);
    // Stored by a process that stopped ten minutes ago: its claim on the event ran out
    const event = textEvent(userId(112), 'สวัสดี');
    const parsed = parseEvent(event);
    if (!parsed.ok) throw new Error(parsed.problem);
    const stopped = new PostgresInbox(await tenantScope(s.db.pool, s.db.tenants, town.id), () => new Date());
    await stopped.admit([{ id: event.webhookEventId, event: parsed.event }], new Date(Date.now() - 10 * 60_000));
    expect(s.service.tenants.runningIds()).not.toContain(town.id);

    expect(await s.service.tenants.warm()).toBeGreaterThanOrEqual(3);
    await s.webhook('/webhook/nowhere', SECRET); // answered 404; waits for the bots to finish
    expect(s.service.tenants.runningIds()).toContain(town.id);
    // Handled by e-town's bot (too late to reply: LINE's reply token lives about a minute)
    const handled = s.logs.find((l) => l.msg === 'event' && l.tenant === town.id && l.eventId === event.webhookEventId);
    expect(handled?.outcome).toBe('handled;reply-expired');
    const [row] = await inboxRows(s, town.id);
    // Handled: its sealed payload and its claim are gone, its done time set
    expect(row).toMatch(/^\(e-town,[^,]+,"[^"]+",,[tf],"[^"]+",,\)$/);
  });
});
