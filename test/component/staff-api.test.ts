import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, textEvent, userId } from '../helpers/events.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe('/staff/api', () => {
  it('when no token or a wrong token is given, then 401 with an error code', async () => {
    bot = await startBot();
    const none = await bot.staff('GET', '/stats', undefined, {});
    expect(none.status).toBe(401);
    expect(((await none.json()) as ErrorBody).error.code).toBe('unauthorized');
    const wrong = await bot.staff('GET', '/stats', undefined, { authorization: 'Bearer not-the-token-0000000000000000000000' });
    expect(wrong.status).toBe(401);
  });

  it('when the route does not exist, then 404 in the error format', async () => {
    bot = await startBot();
    const res = await bot.staff('GET', '/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'not_found' });
  });

  it('when the body is not JSON, then 400 bad_json', async () => {
    bot = await startBot();
    const res = await bot.staff('POST', '/stats', '{nope');
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('bad_json');
  });

  it('when stats are asked, then friends, subscribers, questions and unanswered are counted', async () => {
    bot = await startBot();
    await bot.send(followEvent(userId(1)), followEvent(userId(2)));
    await bot.send(textEvent(userId(1), 'ITA ได้กี่คะแนน'), textEvent(userId(2), 'qwerty'));
    const res = await bot.staff('GET', '/stats');
    expect(res.status).toBe(200);
    const stats = (await res.json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ subscribers: 2, questions: 2, unanswered: 1, tips: { open: 0, overdue: 0 }, publications: 0 });
  });

  it('when the date range is malformed, then 400 naming the field', async () => {
    bot = await startBot();
    const res = await bot.staff('GET', '/stats?from=yesterday');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('from');
  });
});
