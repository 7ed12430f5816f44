import fs from 'node:fs/promises';
import path from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shareBot, startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, sign, textEvent, userId, webhookBody } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

async function inboxText(dataDir: string): Promise<string> {
  return fs.readFile(path.join(dataDir, 'state', 'inbox.jsonl'), 'utf8').catch(() => '');
}

describe('POST /webhook', () => {
  describe('on one bot (each test reads only what it caused)', () => {
    // Shadows the file's bot: the file's afterEach leaves this one to shareBot
    let bot!: TestBot;
    shareBot((b) => (bot = b));

    it('when the signature is missing, then 401 and nothing sent', async () => {
      const res = await bot.post(webhookBody(textEvent(userId(1), 'สวัสดี')), {});
      await bot.settle();
      expect(res.status).toBe(401);
      expect(bot.line.calls).toEqual([]);
    });

    it('when the body is signed but not JSON, then 400', async () => {
      const res = await bot.post('{"events": [');
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_body');
    });

    it('when the JSON has no events array, then 400', async () => {
      const res = await bot.post('{"destination":"x"}');
      expect(res.status).toBe(400);
    });

    it('when the webhook URL has a trailing slash or a query string, then it is the webhook; other methods are not', async () => {
      for (const suffix of ['/', '?from=line']) {
        const body = webhookBody(textEvent(userId(1), 'ITA ได้กี่คะแนน'));
        const res = await fetch(`${bot.url}/webhook${suffix}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
          body,
        });
        expect(res.status).toBe(200);
      }
      await bot.settle();
      expect(bot.line.calls.filter((c) => c.path === '/v2/bot/message/reply')).toHaveLength(2);
      const get = await fetch(`${bot.url}/webhook`);
      expect(get.status).toBe(404);
      const elsewhere = await fetch(`${bot.url}/webhooks`, { method: 'POST', body: '{}' });
      expect(elsewhere.status).toBe(404);
    });

    it('when events is empty (LINE checking the connection), then 200 and no call', async () => {
      const res = await bot.send();
      expect(res.status).toBe(200);
      expect(bot.line.calls).toEqual([]);
    });

    it('when the console verifies the webhook (reply token of zeros or fs), then 200 and no reply', async () => {
      const zeros = textEvent(userId(1), 'test', { replyToken: '0'.repeat(32) });
      const effs = textEvent(userId(1), 'test', { replyToken: 'f'.repeat(32) });
      const res = await bot.send(zeros, effs);
      expect(res.status).toBe(200);
      expect(bot.line.calls).toEqual([]);
    });

    it('when an event comes in standby mode, then 200 and no reply', async () => {
      const { replyToken: _none, ...standby } = textEvent(userId(1), 'ITA ได้กี่คะแนน', { mode: 'standby' });
      const res = await bot.send(standby);
      expect(res.status).toBe(200);
      expect(bot.line.calls).toEqual([]);
    });

    it('when LINE redelivers an event, then it is handled once', async () => {
      const event = textEvent(userId(1), 'ผลคะแนน ITA');
      await bot.send(event);
      const again = { ...event, deliveryContext: { isRedelivery: true } };
      const res = await bot.send(again);
      await bot.send(event);
      expect(res.status).toBe(200);
      expect(bot.line.replies()).toHaveLength(1);
    });

    it('when one event of a batch is malformed, then the others are still handled', async () => {
      const res = await bot.send({ nonsense: true }, 42, textEvent(userId(1), 'ผลคะแนน ITA'));
      expect(res.status).toBe(200);
      expect(bot.line.replies()).toHaveLength(1);
      expect(bot.logs.some((l) => l.msg === 'malformed event skipped')).toBe(true);
    });

    it('when an event is handled, then one log line tells its id, type, intent, outcome and time, and no log holds the user id or text', async () => {
      const user = userId(77);
      const event = textEvent(user, 'ผลคะแนนความโปร่งใสปีนี้');
      await bot.send(event, followEvent(user));
      const lines = bot.logs.filter((l) => l.msg === 'event');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({
        eventId: event.webhookEventId,
        type: 'message',
        intent: 'search',
        outcome: 'handled',
      });
      expect(typeof lines[0]!.ms).toBe('number');
      const all = JSON.stringify(bot.logs);
      expect(all).not.toContain(user);
      expect(all).not.toContain('ผลคะแนน');
    });

    it('when the bot runs, then GET /healthz answers ok', async () => {
      const res = await fetch(`${bot.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });
  });

  describe('on a bot of its own (an empty DATA_DIR, other LINE answers)', () => {
    it('when the signature is wrong, then 401, nothing stored and nothing sent', async () => {
      bot = await startBot();
      const body = webhookBody(textEvent(userId(1), 'ITA ได้กี่คะแนน'));
      const res = await bot.post(body, { 'x-line-signature': sign(body, 'another-secret') });
      await bot.settle();
      expect(res.status).toBe(401);
      expect(bot.line.calls).toEqual([]);
      expect(await inboxText(bot.dataDir)).toBe('');
    });

    it('when the body is over 1 MB, then 413 and nothing stored, whether its size was declared or not', async () => {
      bot = await startBot();
      const big = webhookBody(textEvent(userId(1), 'ก'.repeat(400_000)));
      expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
      const declared = await bot.post(big);
      expect(declared.status).toBe(413);
      expect(((await declared.json()) as { error: { code: string } }).error.code).toBe('too_large');
      // Streamed without a content-length: the limit holds while reading.
      const streamed = await fetch(`${bot.url}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-line-signature': sign(big) },
        body: new Blob([big]).stream(),
        duplex: 'half',
      });
      expect(streamed.status).toBe(413);
      await bot.settle();
      expect(bot.line.calls).toEqual([]);
      expect(await inboxText(bot.dataDir)).toBe('');
    });

    it('when the events cannot be stored, then 500 so LINE delivers them again, and nothing is answered', async () => {
      bot = await startBot();
      // The disk fails the next flush, which is the one that makes this event durable.
      const probe = await fs.open(path.join(bot.dataDir, 'probe'), 'w');
      const write = vi
        .spyOn(Object.getPrototypeOf(probe) as fs.FileHandle, 'datasync')
        .mockRejectedValueOnce(Object.assign(new Error('i/o error'), { code: 'EIO' }));
      await probe.close();
      const event = textEvent(userId(1), 'ITA ได้กี่คะแนน');
      const res = await bot.send(event);
      write.mockRestore();
      expect(res.status).toBe(500);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal');
      expect(bot.line.calls).toEqual([]);
      expect(bot.logs.find((l) => l.msg === 'webhook intake failed')?.error).toBe('Error');
      // LINE's redelivery of the same event is then stored and answered.
      const again = await bot.send({ ...event, deliveryContext: { isRedelivery: true } });
      expect(again.status).toBe(200);
      expect(bot.line.replies()).toHaveLength(1);
    });

    it('when LINE answers the reply with 500, then the failure is logged with its evidence and the webhook still 200', async () => {
      bot = await startBot({
        respond: () => [500, { message: 'Internal error' }],
        replies: { replyWindowMs: 1_500, firstDelayMs: 20 },
      });
      const res = await bot.send(textEvent(userId(1), 'ผลคะแนน ITA'));
      expect(res.status).toBe(200);
      const failure = bot.logs.find((l) => l.msg === 'LINE reply failed');
      expect(failure).toMatchObject({ status: 500, lineRequestId: 'req-1' });
      expect(String(failure?.body)).toContain('Internal error');
      expect(bot.logs.find((l) => l.msg === 'event')?.outcome).toContain('reply-expired');
    });

    it('when events of one user come together, then they are answered in the order sent', async () => {
      let n = 0;
      bot = await startBot();
      // The first reply is slow: the second must still wait for it.
      nock.cleanAll();
      const order: string[] = [];
      nock(LINE_BASE)
        .persist()
        .post('/v2/bot/message/reply')
        .delay(60)
        .reply(200, (_uri, body) => {
          n += 1;
          order.push((body as { replyToken: string }).replyToken);
          return { sentMessages: [] };
        });
      const first = textEvent(userId(1), 'ผลคะแนน ITA');
      const second = textEvent(userId(1), 'มาตรการ');
      await bot.send(first, second);
      expect(n).toBe(2);
      expect(order).toEqual([first.replyToken, second.replyToken]);
    });
  });
});

describe('crash after the 200', () => {
  it('when the bot stops while its reply is on its way, then the next start keeps the state change and does not reply again', async () => {
    bot = await startBot();
    // The reply hangs, as if the process died while handling.
    nock.cleanAll();
    nock(LINE_BASE).post('/v2/bot/message/reply').delay(30_000).reply(200, {});
    const user = userId(5);
    const res = await bot.post(webhookBody(followEvent(user)));
    expect(res.status).toBe(200);
    // The reply is under way once its mark is on disk (a fixed sleep was too short on a busy machine).
    await vi.waitFor(async () => expect(await inboxText(bot!.dataDir)).toContain('"op":"replying"'));
    const dataDir = bot.dataDir;
    await bot.abandon();
    bot = await startBot({ dataDir });
    expect(bot.runtime.replayPending()).toBe(1);
    await bot.settle();
    expect(bot.line.replies()).toHaveLength(0);
    expect(bot.runtime.friends.get(user)?.status).toBe('following');
    bot.expectAllLineCallsValid();
  });

  it('when the replayed event waited more than a minute, then its state change stays and no reply is tried', async () => {
    bot = await startBot();
    nock.cleanAll();
    nock(LINE_BASE).post('/v2/bot/message/reply').delay(30_000).reply(200, {});
    const user = userId(6);
    await bot.post(webhookBody(followEvent(user)));
    // The reply is under way once its mark is on disk (a fixed sleep was too short on a busy machine).
    await vi.waitFor(async () => expect(await inboxText(bot!.dataDir)).toContain('"op":"replying"'));
    const dataDir = bot.dataDir;
    await bot.abandon();
    const later = new Date(Date.now() + 2 * 60_000);
    bot = await startBot({ dataDir, clock: () => later });
    await bot.runtime.replayPending();
    await bot.settle();
    expect(bot.line.calls).toEqual([]);
    expect(bot.runtime.friends.get(user)?.status).toBe('following');
    expect(bot.logs.find((l) => l.msg === 'event')?.outcome).toBe('already-replied');
  });
});
