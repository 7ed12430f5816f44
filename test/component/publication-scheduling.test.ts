import { afterEach, describe, expect, it } from 'vitest';
import { textEvent, userId } from '../helpers/events.js';
import { manualTime } from '../helpers/manual-time.js';
import type { RecordedCall } from '../helpers/line-nock.js';
import { lastReply, lineMemory, multicasts, shown, type Decision } from '../helpers/publication-chat.js';
import { currentBot, forgetBot, friends, NEWS, publish, started, UUID, view } from '../helpers/publishing-harness.js';

afterEach(async () => {
  const bot = currentBot();
  bot?.expectAllLineCallsValid();
  await bot?.close();
  forgetBot();
});

describe('scheduling, cancelling, previewing, test-sending', () => {
  it('when publishAt is later (Bangkok time), then nothing goes before it and it goes within a minute of it', async () => {
    const { bot: b, run } = await started({ time: manualTime('2026-11-26T01:00:00Z') });
    await friends(b, 2);
    const created = await publish(b, { ...NEWS, publishAt: '2026-11-26T09:00' });
    expect(created).toMatchObject({
      status: 'scheduled',
      publishAt: '2026-11-26T02:00:00.000Z',
      publishedAt: null,
      delivery: { state: 'waiting' },
    });
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
    forgetBot();
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
    expect(await cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'tester',
      delivery: { state: 'cancelled' },
    });
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

    const bad = await b.staff('POST', '/publications', {
      title: ' ',
      body: 'x',
      topic: 'weather',
      url: 'javascript:alert(1)',
      publish_at: 'tomorrow',
    });
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
    const { bot: b } = await started({
      respond: (call) =>
        refuse && call.path.endsWith('/push') ? [400, { message: 'Failed to send messages' }] : [200],
    });
    const staffPhone = userId(99);
    const created = await publish(b, { ...NEWS, publishAt: '2026-12-01T09:00' });
    const res = await b.staff('POST', `/publications/${created.id}/test-send`, { userId: staffPhone });
    expect(res.status).toBe(200);
    const [push] = b.line.calls.filter((c) => c.path === '/v2/bot/message/push');
    expect(push!.body.to).toBe(staffPhone);
    expect(push!.headers['x-line-retry-key']).toMatch(UUID);
    const preview = (await (await b.staff('GET', `/publications/${created.id}/preview`)).json()) as {
      messages: unknown[];
    };
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
    const decide = (_call: RecordedCall, n: number): Decision =>
      n === 1 ? 200 : n === 2 ? { status: 500, accepted: true } : 503;
    const memory = lineMemory(decide);
    const first = await started({ respond: memory.respond });
    const ids = await friends(first.bot, 1500);
    const created = await publish(first.bot, NEWS);
    // Batch 1 accepted, batch 2 taken but answered 500, batch 3 refused: retries are due later.
    await first.run(100);
    expect(multicasts(first.bot)).toHaveLength(3);
    await first.bot.abandon();
    forgetBot();

    // The new process: same DATA_DIR, LINE remembers the keys it accepted (a replay gets 409).
    const restartedLine = lineMemory(() => 200);
    const again = await started({
      dataDir: first.bot.dataDir,
      respond: (call) =>
        memory.accepted.some((c) => c.headers['x-line-retry-key'] === call.headers['x-line-retry-key'])
          ? [409, { message: 'The retry key is already accepted' }]
          : restartedLine.respond(call),
    });
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
