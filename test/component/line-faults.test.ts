import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { textEvent, userId, webhookBody } from '../helpers/events.js';
import { seededRandom } from '../../src/demo/stand-in-guards.js';
import { PUSH, REPLY, scriptLine, type Step } from '../helpers/line-script.js';

let bot: TestBot | undefined;
let line: ReturnType<typeof scriptLine> | undefined;
afterEach(async () => {
  line?.expectAllValid();
  line?.done();
  await bot?.close();
  bot = undefined;
});

/** The whole bot, its LINE calls answered by `steps` instead of the default 200s. */
async function botWithLine(
  steps: Parameters<typeof scriptLine>[0],
  replies: Parameters<typeof startBot>[0] extends infer O ? (O extends { replies?: infer R } ? R : never) : never = {},
) {
  bot = await startBot({ replies: { firstDelayMs: 20, maxDelayMs: 200, ...replies } });
  nock.cleanAll();
  line = scriptLine(steps);
  return { bot, line };
}

const statusOf = (step: Step) => (typeof step === 'number' ? step : typeof step === 'object' ? step.status : 0);
const accepted = (l: NonNullable<typeof line>, path = REPLY) => l.to(path).filter((c) => statusOf(c.answer) === 200);

describe('LINE failing, slow and hanging', () => {
  it('when 30% of LINE calls answer 500, then every resident is answered exactly once', async () => {
    const random = seededRandom(11);
    const { bot: b, line: l } = await botWithLine(() => (random() < 0.3 ? 500 : 200));
    const events = Array.from({ length: 30 }, (_, i) => textEvent(userId(400 + i), 'ผลคะแนน ITA'));
    expect((await b.send(...events)).status).toBe(200);
    const tokens = accepted(l).map((c) => c.body.replyToken);
    expect(tokens.sort()).toEqual(events.map((e) => e.replyToken).sort());
    expect(l.to(REPLY).some((c) => c.answer === 500)).toBe(true);
    l.expectAllValid();
  });

  it('when one LINE call hangs, then other residents are answered meanwhile and the hung one is retried after the time limit', async () => {
    const hungUser = textEvent(userId(450), 'ผลคะแนน ITA');
    const { bot: b, line: l } = await botWithLine(
      (call) =>
        call.body.replyToken === hungUser.replyToken &&
        l.to(REPLY).every((c) => c.body.replyToken !== hungUser.replyToken)
          ? 'hang'
          : 200,
      { lineTimeoutMs: 800 },
    );
    const others = Array.from({ length: 10 }, (_, i) => textEvent(userId(460 + i), 'มาตรการ'));
    const started = performance.now();
    await b.send(hungUser, ...others);
    const hung = l.to(REPLY).find((c) => c.answer === 'hang')!;
    const retry = accepted(l).find((c) => c.body.replyToken === hungUser.replyToken)!;
    for (const e of others)
      expect(accepted(l).find((c) => c.body.replyToken === e.replyToken)!.at).toBeLessThan(hung.at + 700);
    expect(retry.at - hung.at).toBeGreaterThanOrEqual(780);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(accepted(l)).toHaveLength(11);
  });

  it('when LINE answers every call after a delay, then a burst of residents is answered in about one delay, not one after another', async () => {
    const { bot: b, line: l } = await botWithLine(() => ({ status: 200, afterMs: 800 }));
    const events = Array.from({ length: 40 }, (_, i) => textEvent(userId(500 + i), 'ITA'));
    const started = performance.now();
    await b.send(...events);
    // With 16 work slots held during the reply, 40 replies at 800 ms would take 2.4 s or more.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(accepted(l)).toHaveLength(40);
  });

  it("when a subscription's confirmation cannot be replied before its token is gone, then it is pushed with a retry key; a plain answer is not", async () => {
    const resident = userId(600);
    const steps = (call: { path: string }): Step => (call.path === REPLY ? 500 : 200);
    const { bot: b, line: l } = await botWithLine(steps, { replyWindowMs: 1_000 });
    await b.send(textEvent(resident, 'ผลคะแนน ITA'));
    expect(l.to(PUSH)).toEqual([]);
    await b.send(textEvent(resident, 'สมัครรับข่าวสาร'));
    const pushes = l.to(PUSH);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.body.to).toBe(resident);
    expect(pushes[0]!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.runtime.friends.get(resident)?.topics.length).toBeGreaterThan(0);
    expect(b.logs.filter((x) => x.msg === 'event').map((x) => String(x.outcome))).toEqual([
      expect.stringContaining('reply-expired'),
      expect.stringContaining('pushed'),
    ]);
    l.expectAllValid();
  });

  it('when the webhook is acknowledged, then LINE being slow does not delay the 200', async () => {
    const { bot: b } = await botWithLine(() => ({ status: 200, afterMs: 1_000 }));
    const started = performance.now();
    const res = await b.post(webhookBody(textEvent(userId(700), 'ITA')));
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(500);
    await b.settle();
  });
});
