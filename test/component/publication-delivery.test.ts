import { afterEach, describe, expect, it } from 'vitest';
import { followEvent, postbackEvent, textEvent, unfollowEvent, userId } from '../helpers/events.js';
import { lastReply, lineMemory, multicasts, shown } from '../helpers/publication-chat.js';
import { currentBot, forgetBot, friends, NEWS, publish, started, UUID, view } from '../helpers/publishing-harness.js';

afterEach(async () => {
  const bot = currentBot();
  bot?.expectAllLineCallsValid();
  await bot?.close();
  forgetBot();
});

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
    const preview = (await (await b.staff('GET', `/publications/${created.id}/preview`)).json()) as {
      messages: unknown[];
    };
    expect(call!.body.messages).toEqual(preview.messages);
    expect(shown(preview.messages as never)).toContain('[ข่าวประชาสัมพันธ์] เทศบาลจัดกิจกรรมฉีดวัคซีน');

    const done = await view(b, created.id);
    expect(done).toMatchObject({
      status: 'sent',
      delivery: { recipients: 1, accepted: 1, failed: 0, pending: 0, state: 'done' },
    });
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
    const created = await publish(b, {
      ...NEWS,
      topic: 'procurement',
      title: 'ประกาศผู้ชนะการเสนอราคาก่อสร้างถนน',
      url: 'https://phonsai.go.th/procurement/42',
    });
    await run();
    const calls = multicasts(b);
    expect(calls.map((c) => (c.body.to as string[]).length)).toEqual([500, 500, 201]);
    expect(new Set(calls.map((c) => c.headers['x-line-retry-key'])).size).toBe(3);
    expect(calls.flatMap((c) => c.body.to as string[]).sort()).toEqual([...ids].sort());
    expect(await view(b, created.id)).toMatchObject({
      status: 'sent',
      delivery: { recipients: 1201, accepted: 1201, pending: 0 },
    });
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
    expect(await view(b, created.id)).toMatchObject({
      status: 'sent',
      delivery: { accepted: 3, pending: 0, batches: [{ attempts: 2, state: 'accepted' }] },
    });
  });

  it('when LINE took the batch but the answer was lost, then the retry gets 409 and counts as delivered, once', async () => {
    const line = lineMemory((_call, n) => (n === 1 ? { status: 500, accepted: true } : 200));
    const { bot: b, run } = await started({ respond: line.respond });
    const ids = await friends(b, 2);
    const created = await publish(b, NEWS);
    await run();
    expect(multicasts(b)).toHaveLength(2);
    expect([...line.deliveries().entries()].sort()).toEqual(ids.map((id) => [id, 1]).sort());
    expect(await view(b, created.id)).toMatchObject({
      status: 'sent',
      delivery: { accepted: 2, failed: 0, pending: 0 },
    });
  });

  it('when LINE answers 400, then the batch fails without a retry and LINE’s details are kept for staff', async () => {
    const details = [{ message: 'Size must be between 1 and 500', property: 'to' }];
    const { bot: b, run } = await started({
      respond: (call) =>
        call.path.endsWith('/multicast') ? [400, { message: 'The request body has 1 error(s)', details }] : [200],
    });
    await friends(b, 2);
    const created = await publish(b, NEWS);
    await run(60_000);
    expect(multicasts(b)).toHaveLength(1);
    const failed = await view(b, created.id);
    expect(failed).toMatchObject({
      status: 'failed',
      failure: '400: The request body has 1 error(s)',
      delivery: { failed: 2, accepted: 0, state: 'done' },
    });
    expect(failed.delivery.batches[0]!.error).toMatchObject({
      status: 400,
      message: 'The request body has 1 error(s)',
      details,
    });
  });

  it('when LINE says the monthly limit is reached, then sending stops in a state staff can see, and resumes when they ask', async () => {
    let quota = true;
    const { bot: b, run } = await started({
      burst: 1,
      respond: (call) =>
        call.path.endsWith('/multicast') && quota ? [429, { message: 'You have reached your monthly limit.' }] : [200],
    });
    await friends(b, 1001);
    const created = await publish(b, NEWS);
    await run(3_600_000);
    expect(multicasts(b)).toHaveLength(1);
    expect(await view(b, created.id)).toMatchObject({
      status: 'sending',
      delivery: { state: 'quota-exhausted', pending: 1001, accepted: 0 },
    });

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
    expect(await view(b, created.id)).toMatchObject({
      delivery: { recipients: 1001, accepted: 999, dropped: 2, pending: 0 },
    });
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
