import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_TOKEN, shareBot, startBot, type TestBot } from '../helpers/bot.js';
import { followEvent, textEvent, userId } from '../helpers/events.js';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

type ErrorBody = { error: { code: string; message: string; details?: unknown } };

describe('/staff/api', () => {
  describe('on one bot (each test reads only what it caused)', () => {
    // Shadows the file's bot: the file's afterEach leaves this one to shareBot
    let bot!: TestBot;
    shareBot((b) => (bot = b));

    it('when no token or a wrong token is given, then 401 with an error code', async () => {
      const none = await bot.staff('GET', '/stats', undefined, {});
      expect(none.status).toBe(401);
      expect(((await none.json()) as ErrorBody).error.code).toBe('unauthorized');
      const wrong = await bot.staff('GET', '/stats', undefined, {
        authorization: 'Bearer not-the-token-0000000000000000000000',
      });
      expect(wrong.status).toBe(401);
    });

    it('when a path cannot be decoded or holds a NUL, then 400 or 404 in the error format, never 500', async () => {
      for (const [route, status] of [
        ['/tips/%E0%A4%A', 400],
        ['/tips/%00', 404],
        ['/%E0%A4%A', 404],
        [`/${'a'.repeat(8000)}`, 404],
      ] as const) {
        const res = await bot.staff('GET', route);
        expect(res.status).toBe(status);
        expect(((await res.json()) as ErrorBody).error.code).toMatch(/^(bad_request|not_found)$/);
      }
      expect(bot.logs.filter((l) => l.level === 'error')).toEqual([]);
    });

    it('when the route does not exist, then 404 in the error format', async () => {
      const res = await bot.staff('GET', '/nothing-here');
      expect(res.status).toBe(404);
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: 'not_found' });
    });

    it('when the body is not JSON, then 400 bad_json', async () => {
      const res = await bot.staff('POST', '/stats', '{nope');
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe('bad_json');
    });

    it('when the date range is malformed, then 400 naming the field', async () => {
      const res = await bot.staff('GET', '/stats?from=yesterday');
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('from');
    });
  });

  describe('on a bot of its own (other settings, counts from an empty start)', () => {
    it('when one client sends wrong tokens, then after five it is braked with 429 and Retry-After (the right token too); another client is not', async () => {
      bot = await startBot({ env: { TRUST_PROXY: 'loopback' } });
      const from = (ip: string, token: string) =>
        bot!.staff('GET', '/stats', undefined, { authorization: `Bearer ${token}`, 'x-forwarded-for': ip });
      const guess = 'guessed-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa';
      for (let i = 0; i < 5; i++) expect((await from('203.0.113.7', guess)).status).toBe(401);
      const braked = await from('203.0.113.7', guess);
      expect(braked.status).toBe(429);
      expect(Number(braked.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(((await braked.json()) as ErrorBody).error).toMatchObject({ code: 'too_many_attempts' });
      expect((await from('203.0.113.7', STAFF_TOKEN)).status).toBe(429);
      expect((await from('198.51.100.9', STAFF_TOKEN)).status).toBe(200);

      // Five wrong tokens: five log lines and five audit entries, none holding the token; braked requests add none
      const logged = bot.logs.filter((l) => l.msg === 'staff API token refused');
      expect(logged).toHaveLength(5);
      expect(logged.at(-1)).toMatchObject({ route: 'GET /staff/api/stats', braked: true });
      const audit = bot.runtime.audit.list().filter((e) => e.action === 'api.token.refused');
      expect(audit).toHaveLength(5);
      expect(audit[0]).toMatchObject({
        actor: '(unknown)',
        target: 'GET /staff/api/stats',
        details: { braked: false },
      });
      expect(JSON.stringify([bot.logs, audit])).not.toContain('guessed-token');
      expect(JSON.stringify([bot.logs, audit])).not.toContain('203.0.113.7');
    });

    it('when stats are asked, then friends, subscribers, questions and unanswered are counted', async () => {
      bot = await startBot();
      await bot.send(followEvent(userId(1)), followEvent(userId(2)));
      await bot.send(textEvent(userId(1), 'ITA ได้กี่คะแนน'), textEvent(userId(2), 'qwerty'));
      const res = await bot.staff('GET', '/stats');
      expect(res.status).toBe(200);
      const stats = (await res.json()) as Record<string, unknown>;
      expect(stats).toMatchObject({
        subscribers: 2,
        questions: 2,
        unanswered: 1,
        tips: { open: 0, overdue: 0 },
        publications: 0,
      });
    });
  });
});
