import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { shareBot, startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, postbackEvent, sign, textEvent, userId, webhookBody } from '../helpers/events.js';
import { documentedEvents, rawBody, withDeepField } from '../helpers/webhook-fixtures.js';

let bot: TestBot | undefined;
afterEach(async () => {
  bot?.expectAllLineCallsValid();
  await bot?.close();
  bot = undefined;
});

const skipped = (b: TestBot) => b.logs.filter((l) => l.msg === 'malformed event skipped');

/** Makes the disk refuse the next flush, which is the one that stores the next events. */
async function failNextFlush(dataDir: string) {
  const probe = await fs.open(path.join(dataDir, 'probe'), 'w');
  const spy = vi
    .spyOn(Object.getPrototypeOf(probe) as fs.FileHandle, 'datasync')
    .mockRejectedValueOnce(Object.assign(new Error('i/o error'), { code: 'EIO' }));
  await probe.close();
  return spy;
}

describe('POST /webhook: one event at a time', () => {
  describe('on one bot (each test reads only what it caused)', () => {
    // Shadows the file's bot: the file's afterEach leaves this one to shareBot
    let bot!: TestBot;
    shareBot((b) => (bot = b));

    it('when a good event comes with a neighbour nested 5,000 deep, then 200, the good one is answered and the bad one skipped without its content', async () => {
      const deep = withDeepField(textEvent(userId(2), 'ลับมาก'), 5000);
      const res = await bot.post(rawBody(JSON.stringify(textEvent(userId(1), 'ผลคะแนน ITA')), deep));
      await bot.settle();
      expect(res.status).toBe(200);
      expect(bot.line.replies()).toHaveLength(1);
      expect(skipped(bot)).toEqual([
        expect.objectContaining({ index: 1, type: 'message', problem: 'nested deeper than 16' }),
      ]);
      expect(JSON.stringify(bot.logs)).not.toContain('ลับมาก');
      expect(JSON.stringify(bot.logs)).not.toContain(userId(2));
    });

    it('when a postback event has no postback field, then 200 for every delivery of the body, its neighbour answered once', async () => {
      const { postback: _none, ...poison } = postbackEvent(userId(2), 'a=menu');
      const body = webhookBody(poison, followEvent(userId(1)));
      const first = await bot.post(body);
      await bot.settle();
      const again = await bot.post(body);
      await bot.settle();
      expect([first.status, again.status]).toEqual([200, 200]);
      expect(bot.line.replies()).toHaveLength(1);
      expect(skipped(bot)[0]).toMatchObject({ index: 0, type: 'postback', problem: 'postback: invalid_type' });
      expect(bot.logs.some((l) => l.msg === 'handler failed' || l.msg === 'event skipped: intake failed')).toBe(false);
    });

    it('when every event type LINE documents and an unknown one come in one body, then 200 and none fails in a handler', async () => {
      const events = [
        ...documentedEvents(userId(1)),
        { ...followEvent(userId(1)), type: 'hologram', hologram: { x: 1 } },
      ];
      const res = await bot.post(webhookBody(...events));
      await bot.settle();
      expect(res.status).toBe(200);
      expect(skipped(bot)).toEqual([]);
      const handled = bot.logs.filter((l) => l.msg === 'event');
      expect(handled).toHaveLength(events.length);
      expect(handled.filter((l) => String(l.outcome).includes('error'))).toEqual([]);
      expect(bot.logs.some((l) => l.msg === 'handler failed')).toBe(false);
      expect(handled.find((l) => l.type === 'hologram')).toMatchObject({
        intent: 'event:hologram',
        outcome: 'ignored',
      });
    });

    it('when the whole body is nested very deep, then it is answered at once (400 or 200) and the bot goes on', async () => {
      const depth = 400_000;
      const deepArray = '['.repeat(depth) + ']'.repeat(depth);
      const started = performance.now();
      const asBody = await bot.post(deepArray);
      const asEvent = await bot.post(
        `{"events":[${deepArray}, ${JSON.stringify(textEvent(userId(1), 'ผลคะแนน ITA'))}]}`,
      );
      await bot.settle();
      expect(performance.now() - started).toBeLessThan(5_000);
      expect([asBody.status, asEvent.status]).toEqual([400, 200]);
      expect(bot.line.replies()).toHaveLength(1);
      expect(skipped(bot)).toEqual([expect.objectContaining({ index: 0, type: null })]);
    });

    it('when a body holds 100,000 malformed events and one good one, then 200, the good one answered, and the log gets a few lines, not 100,000', async () => {
      const res = await bot.post(
        rawBody(...Array.from({ length: 100_000 }, () => '{}'), JSON.stringify(textEvent(userId(1), 'ผลคะแนน ITA'))),
      );
      await bot.settle();
      expect(res.status).toBe(200);
      expect(bot.line.replies()).toHaveLength(1);
      expect(skipped(bot)).toHaveLength(5);
      expect(bot.logs.find((l) => l.msg === 'malformed events skipped')).toMatchObject({ count: 100_000 });
      expect(bot.logs.length).toBeLessThan(20);
    });

    it('when the same body arrives twice at the same moment, then its event is answered once', async () => {
      const body = webhookBody(textEvent(userId(1), 'ผลคะแนน ITA'));
      const statuses = await Promise.all(
        [bot.post(body), bot.post(body, { 'x-line-signature': sign(body) })].map(async (r) => (await r).status),
      );
      await bot.settle();
      expect(statuses).toEqual([200, 200]);
      expect(bot.line.replies()).toHaveLength(1);
    });
  });

  describe('on a bot of its own (a disk that fails)', () => {
    it('when storing fails (500), then LINE redelivering the same body gets its good event answered once', async () => {
      bot = await startBot();
      const body = rawBody(
        JSON.stringify(textEvent(userId(1), 'ผลคะแนน ITA')),
        withDeepField(followEvent(userId(2)), 5000),
      );
      const disk = await failNextFlush(bot.dataDir);
      const failed = await bot.post(body);
      disk.mockRestore();
      await bot.settle();
      expect(failed.status).toBe(500);
      expect(bot.line.calls).toEqual([]);
      const redelivered = await bot.post(body);
      await bot.settle();
      const duplicate = await bot.post(body);
      await bot.settle();
      expect([redelivered.status, duplicate.status]).toEqual([200, 200]);
      expect(bot.line.replies()).toHaveLength(1);
    });
  });
});
