import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, postbackEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';
import { manualTime, type ManualTime } from '../helpers/manual-time.js';
import { lastReply, lineMemory, multicasts, shown, type Decision } from '../publications/chat-helpers.js';
import type { RecordedCall } from '../helpers/line-nock.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NEWS = { topic: 'news', title: 'เทศบาลจัดกิจกรรมฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า', body: 'นำสุนัขและแมวมารับวัคซีนฟรีที่ศาลาประชาคมหมู่ที่ 1 วันเสาร์นี้ เวลา 09.00 น.' };
type View = {
  id: string;
  status: string;
  publishedAt: string | null;
  failure: string | null;
  delivery: { recipients: number; accepted: number; failed: number; dropped: number; pending: number; state: string; batches: Array<{ recipients: number; state: string; attempts: number; lineRequestId: string | null; error: { status: number | null; message: string; details?: unknown } | null }> };
};

async function started(opts: { respond?: (call: RecordedCall) => [number, unknown?]; dataDir?: string; time?: ManualTime; burst?: number } = {}) {
  const time = opts.time ?? manualTime('2026-11-26T03:00:00Z');
  bot = await startBot({ clock: time.now, timers: time, publishing: { multicastBurst: opts.burst ?? 5 }, ...(opts.respond ? { respond: opts.respond } : {}), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  const b = bot;
  /** Lets deliveries run: timers fire in order (pacing, retries) until `ms` has passed. */
  const run = (ms = 2_000) => time.advance(ms, () => b.runtime.publishing.idle());
  return { bot: b, time, run };
}

/** `count` friends who follow, with every topic, user ids from `first`. */
async function friends(b: TestBot, count: number, first = 1000): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => userId(first + i));
  await Promise.all(ids.map((id) => b.runtime.friends.follow(id, new Date('2026-11-01T00:00:00Z'), ['news', 'announcement', 'procurement', 'measure', 'report'])));
  return ids;
}

async function publish(b: TestBot, body: unknown): Promise<View> {
  const res = await b.staff('POST', '/publications', body);
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return (await res.json()) as View;
}

const view = async (b: TestBot, id: string) => (await (await b.staff('GET', `/publications/${id}`)).json()) as View;

describe('publishing through the staff API', () => {
  it('when a publication is posted, then each subscriber of its topic gets it once, the delivery figures add up, and residents can ask about it at once', async () => {
    const { bot: b, run } = await started();
    const [subscriber, other] = [userId(1), userId(2)];
    await b.send(followEvent(subscriber), followEvent(other), textEvent(other, 'ยกเลิกรับข่าวสาร'));
    const created = await publish(b, NEWS);
    expect(created).toMatchObject({ status: 'sending', delivery: { recipients: 1 } });
    await run();
    const [call] = multicasts(b);
    expect(multicasts(b)).toHaveLength(1);
    expect(call!.body.to).toEqual([subscriber]);
    expect(call!.headers['x-line-retry-key']).toMatch(UUID);
    const preview = (await (await b.staff('GET', `/publications/${created.id}/preview`)).json()) as { messages: unknown[] };
    expect(call!.body.messages).toEqual(preview.messages);
    expect(shown(preview.messages as never)).toContain('[ข่าวประชาสัมพันธ์] เทศบาลจัดกิจกรรมฉีดวัคซีน');

    const done = await view(b, created.id);
    expect(done).toMatchObject({ status: 'sent', delivery: { recipients: 1, accepted: 1, failed: 0, pending: 0, state: 'done' } });
    expect(done.delivery.batches[0]!.lineRequestId).toMatch(/^req-\d+$/);
    const stats = (await (await b.staff('GET', '/stats')).json()) as { publications: number };
    expect(stats.publications).toBe(1);

    await b.send(textEvent(other, 'ฉีดวัคซีนสุนัขวันไหน'));
    expect(shown(lastReply(b))).toContain('ศาลาประชาคมหมู่ที่ 1');
    await b.send(textEvent(other, 'ข่าวล่าสุด'));
    const latest = lastReply(b);
    expect(latest[0]!.type).toBe('flex');
    expect(shown(latest)).toContain(NEWS.title);
    await b.send(postbackEvent(other, `a=pub&id=${created.id}`));
    expect(shown(lastReply(b))).toContain('เวลา 09.00 น.');
  });

  it('when 1,201 friends subscribe, then three batches of at most 500 go, each with its own retry key, and everyone is in exactly one', async () => {
    const { bot: b, run } = await started();
    const ids = await friends(b, 1201);
    const created = await publish(b, { ...NEWS, topic: 'procurement', title: 'ประกาศผู้ชนะการเสนอราคาก่อสร้างถนน', url: 'https://phonsai.go.th/procurement/42' });
    await run();
    const calls = multicasts(b);
    expect(calls.map((c) => (c.body.to as string[]).length)).toEqual([500, 500, 201]);
    expect(new Set(calls.map((c) => c.headers['x-line-retry-key'])).size).toBe(3);
    expect(calls.flatMap((c) => c.body.to as string[]).sort()).toEqual([...ids].sort());
    expect(await view(b, created.id)).toMatchObject({ status: 'sent', delivery: { recipients: 1201, accepted: 1201, pending: 0 } });
  });

  it('when LINE answers 500 and then 200, then the retry carries the same key and the same body, and the batch counts once', async () => {
    const line = lineMemory((_call, n) => (n === 1 ? 500 : 200));
    const { bot: b, run } = await started({ respond: line.respond });
    await friends(b, 3);
    const created = await publish(b, NEWS);
    await run(1_000);
    expect(multicasts(b)).toHaveLength(2);
    const [first, retry] = multicasts(b);
    expect(retry!.headers['x-line-retry-key']).toBe(first!.headers['x-line-retry-key']);
    expect(retry!.body).toEqual(first!.body);
    expect(await view(b, created.id)).toMatchObject({ status: 'sent', delivery: { accepted: 3, pending: 0, batches: [{ attempts: 2, state: 'accepted' }] } });
  });

  it('when LINE took the batch but the answer was lost, then the retry gets 409 and counts as delivered, once', async () => {
    const line = lineMemory((_call, n) => (n === 1 ? { status: 500, accepted: true } : 200));
    const { bot: b, run } = await started({ respond: line.respond });
    const ids = await friends(b, 2);
    const created = await publish(b, NEWS);
    await run();
    expect(multicasts(b)).toHaveLength(2);
    expect([...line.deliveries().entries()].sort()).toEqual(ids.map((id) => [id, 1]).sort());
    expect(await view(b, created.id)).toMatchObject({ status: 'sent', delivery: { accepted: 2, failed: 0, pending: 0 } });
  });

  it('when LINE answers 400, then the batch fails without a retry and LINE’s details are kept for staff', async () => {
    const details = [{ message: 'Size must be between 1 and 500', property: 'to' }];
    const { bot: b, run } = await started({ respond: (call) => (call.path.endsWith('/multicast') ? [400, { message: 'The request body has 1 error(s)', details }] : [200]) });
    await friends(b, 2);
    const created = await publish(b, NEWS);
    await run(60_000);
    expect(multicasts(b)).toHaveLength(1);
    const failed = await view(b, created.id);
    expect(failed).toMatchObject({ status: 'failed', failure: '400: The request body has 1 error(s)', delivery: { failed: 2, accepted: 0, state: 'done' } });
    expect(failed.delivery.batches[0]!.error).toMatchObject({ status: 400, message: 'The request body has 1 error(s)', details });
  });

  it('when LINE says the monthly limit is reached, then sending stops in a state staff can see, and resumes when they ask', async () => {
    let quota = true;
    const { bot: b, run } = await started({ burst: 1, respond: (call) => (call.path.endsWith('/multicast') && quota ? [429, { message: 'You have reached your monthly limit.' }] : [200]) });
    await friends(b, 1001);
    const created = await publish(b, NEWS);
    await run(3_600_000);
    expect(multicasts(b)).toHaveLength(1);
    expect(await view(b, created.id)).toMatchObject({ status: 'sending', delivery: { state: 'quota-exhausted', pending: 1001, accepted: 0 } });

    quota = false;
    const resumed = await b.staff('POST', `/publications/${created.id}/resume`);
    expect(resumed.status).toBe(200);
    await run();
    const calls = multicasts(b);
    expect(calls).toHaveLength(4);
    expect(calls[1]!.headers['x-line-retry-key']).toBe(calls[0]!.headers['x-line-retry-key']);
    expect(await view(b, created.id)).toMatchObject({ status: 'sent', delivery: { state: 'done', accepted: 1001 } });
    expect((await b.staff('POST', `/publications/${created.id}/resume`)).status).toBe(409);
  });

  it('when a friend unfollows or unsubscribes while a delivery is under way, then the batches not yet sent leave them out', async () => {
    const { bot: b, run } = await started({ burst: 1 });
    const ids = await friends(b, 1001);
    const created = await publish(b, NEWS);
    // The first batch went at once; the others wait for their rate-limit slot.
    expect(multicasts(b).length).toBeLessThanOrEqual(1);
    const [leaver, quitter] = [ids[700]!, ids[1000]!];
    await b.send(unfollowEvent(leaver), textEvent(quitter, 'ยกเลิกรับข่าวสาร'));
    await run();
    const sentTo = multicasts(b).flatMap((c) => c.body.to as string[]);
    expect(sentTo).not.toContain(leaver);
    expect(sentTo).not.toContain(quitter);
    expect(sentTo).toHaveLength(999);
    expect(await view(b, created.id)).toMatchObject({ delivery: { recipients: 1001, accepted: 999, dropped: 2, pending: 0 } });
  });

  it('when a publication is urgent, then it goes once to every friend through broadcast, with a retry key', async () => {
    const { bot: b, run } = await started();
    await friends(b, 4);
    const created = await publish(b, { ...NEWS, topic: 'announcement', title: 'แจ้งเตือนน้ำท่วมฉับพลัน', urgent: true });
    await run();
    const broadcasts = b.line.calls.filter((c) => c.path === '/v2/bot/message/broadcast');
    expect(broadcasts).toHaveLength(1);
    expect(broadcasts[0]!.headers['x-line-retry-key']).toMatch(UUID);
    expect(multicasts(b)).toHaveLength(0);
    expect(await view(b, created.id)).toMatchObject({ status: 'sent', delivery: { recipients: 4, accepted: 4 } });
  });
});

describe('scheduling, cancelling, previewing, test-sending', () => {
  it('when publishAt is later (Bangkok time), then nothing goes before it and it goes within a minute of it', async () => {
    const { bot: b, run } = await started({ time: manualTime('2026-11-26T01:00:00Z') });
    await friends(b, 2);
    const created = await publish(b, { ...NEWS, publishAt: '2026-11-26T09:00' });
    expect(created).toMatchObject({ status: 'scheduled', publishAt: '2026-11-26T02:00:00.000Z', publishedAt: null, delivery: { state: 'waiting' } });
    await run(60 * 60_000 - 1_000);
    expect(multicasts(b)).toHaveLength(0);
    await b.send(textEvent(userId(1), 'ข่าวล่าสุด'));
    expect(shown(lastReply(b))).not.toContain(NEWS.title);
    await run(60_000);
    expect(multicasts(b)).toHaveLength(1);
    expect(await view(b, created.id)).toMatchObject({ status: 'sent', publishedAt: '2026-11-26T02:00:00.000Z' });
  });

  it('when the bot was stopped at the scheduled time, then it sends the publication as soon as it starts again', async () => {
    const first = await started({ time: manualTime('2026-11-26T01:00:00Z') });
    await friends(first.bot, 2);
    const created = await publish(first.bot, { ...NEWS, publishAt: '2026-11-26T02:30:00Z' });
    await first.bot.close();
    bot = undefined;
    const again = await started({ dataDir: first.bot.dataDir, time: manualTime('2026-11-26T05:00:00Z') });
    await again.run();
    expect(multicasts(again.bot)).toHaveLength(1);
    expect(await view(again.bot, created.id)).toMatchObject({ status: 'sent' });
  });

  it('when a scheduled publication is cancelled, then it never goes; a sent one cannot be cancelled', async () => {
    const { bot: b, run } = await started();
    await friends(b, 2);
    const later = await publish(b, { ...NEWS, publishAt: '2026-11-27T08:00:00+07:00' });
    const cancelled = await b.staff('POST', `/publications/${later.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'tester', delivery: { state: 'cancelled' } });
    await run(2 * 24 * 3600_000);
    expect(multicasts(b)).toHaveLength(0);
    expect((await b.staff('POST', `/publications/${later.id}/cancel`)).status).toBe(409);
    const now = await publish(b, NEWS);
    await run();
    const refused = await b.staff('POST', `/publications/${now.id}/cancel`);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect((await b.staff('POST', '/publications/pub-nosuchthing/cancel')).status).toBe(404);
  });

  it('when a draft is previewed, then the answer is the exact message a delivery sends; bad input is refused naming each field', async () => {
    const { bot: b, run } = await started();
    await friends(b, 1);
    const draft = { ...NEWS, url: 'https://phonsai.go.th/news/7', imageUrl: 'https://phonsai.go.th/img/vaccine.jpg' };
    const preview = (await (await b.staff('POST', '/publications/preview', draft)).json()) as { messages: unknown[] };
    await publish(b, draft);
    await run();
    expect(multicasts(b)[0]!.body.messages).toEqual(preview.messages);
    expect(shown(preview.messages as never)).toContain('"hero"');

    const bad = await b.staff('POST', '/publications', { title: ' ', body: 'x', topic: 'weather', url: 'javascript:alert(1)', publish_at: 'tomorrow' });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(error.code).toBe('invalid');
    expect(error.details.map((d) => d.path).sort()).toEqual(expect.arrayContaining(['title', 'topic', 'url']));
    expect(JSON.stringify(error)).toContain('publish_at');
    const past = await b.staff('POST', '/publications', { ...NEWS, publishAt: '2026-11-25T09:00' });
    expect(past.status).toBe(400);
    expect(JSON.stringify(await past.json())).toContain('in the past');
  });

  it('when a publication is test-sent, then one push goes to that staff LINE id with the exact message; a bad id or a LINE refusal says so', async () => {
    let refuse = false;
    const { bot: b } = await started({ respond: (call) => (refuse && call.path.endsWith('/push') ? [400, { message: 'Failed to send messages' }] : [200]) });
    const staffPhone = userId(99);
    const created = await publish(b, { ...NEWS, publishAt: '2026-12-01T09:00' });
    const res = await b.staff('POST', `/publications/${created.id}/test-send`, { userId: staffPhone });
    expect(res.status).toBe(200);
    const [push] = b.line.calls.filter((c) => c.path === '/v2/bot/message/push');
    expect(push!.body.to).toBe(staffPhone);
    expect(push!.headers['x-line-retry-key']).toMatch(UUID);
    const preview = (await (await b.staff('GET', `/publications/${created.id}/preview`)).json()) as { messages: unknown[] };
    expect(push!.body.messages).toEqual(preview.messages);
    expect(multicasts(b)).toHaveLength(0);
    expect((await b.staff('POST', `/publications/${created.id}/test-send`, { userId: 'someone' })).status).toBe(400);
    refuse = true;
    const refused = await b.staff('POST', '/publications/test-send', { ...NEWS, userId: staffPhone });
    expect(refused.status).toBe(502);
    expect(JSON.stringify(await refused.json())).toContain('Failed to send messages');
  });
});

describe('a delivery across a crash', () => {
  it('when the bot dies with batches pending (one taken by LINE without an answer), then after a restart every subscriber gets it exactly once', async () => {
    const decide = (_call: RecordedCall, n: number): Decision => (n === 1 ? 200 : n === 2 ? { status: 500, accepted: true } : 503);
    const memory = lineMemory(decide);
    const first = await started({ respond: memory.respond });
    const ids = await friends(first.bot, 1500);
    const created = await publish(first.bot, NEWS);
    // Batch 1 accepted, batch 2 taken but answered 500, batch 3 refused: retries are due later.
    await first.run(100);
    expect(multicasts(first.bot)).toHaveLength(3);
    await first.bot.abandon();
    bot = undefined;

    // The new process: same DATA_DIR, LINE remembers the keys it accepted (a replay gets 409).
    const restartedLine = lineMemory(() => 200);
    const again = await started({ dataDir: first.bot.dataDir, respond: (call) => (memory.accepted.some((c) => c.headers['x-line-retry-key'] === call.headers['x-line-retry-key']) ? [409, { message: 'The retry key is already accepted' }] : restartedLine.respond(call)) });
    await again.run();
    const delivered = new Map(memory.deliveries());
    for (const [to, n] of restartedLine.deliveries()) delivered.set(to, (delivered.get(to) ?? 0) + n);
    expect(delivered.size).toBe(1500);
    expect([...delivered.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(delivered.keys())).toEqual(new Set(ids));
    const finished = await view(again.bot, created.id);
    expect(finished).toMatchObject({ status: 'sent', delivery: { accepted: 1500, pending: 0, failed: 0 } });
    const keysBefore = multicasts(first.bot).map((c) => c.headers['x-line-retry-key']);
    const keysAfter = multicasts(again.bot).map((c) => c.headers['x-line-retry-key']);
    expect(new Set(keysAfter)).toEqual(new Set(keysBefore.slice(1)));
  });
});
