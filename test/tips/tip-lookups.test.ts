import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { DEFAULT_TIP_RULES } from '../../src/tips/deadlines.js';
import { EvidenceFiles } from '../../src/tips/evidence-files.js';
import { RateLimiter } from '../../src/http/rate-limiter.js';
import { LOOKUPS } from '../../src/tips/tip-channel.js';
import type { TipFiling } from '../../src/tips/tip-filing.js';
import type { TipRecord } from '../../src/tips/tip-model.js';
import { CHAT } from '../../src/tips/tip-texts.js';
import { createTipWebRouter } from '../../src/tips/web/tip-web-router.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fileTipInChat, say } from '../helpers/tip-chat-helpers.js';

let bot: TestBot | undefined;
let server: Server | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

const REAL = '1111222233334444';

/**
 * The /tip router alone, behind a proxy that names each client in X-Forwarded-For, over a
 * filing stand-in that knows one receipt (no scrypt, so hundreds of lookups take a moment).
 */
async function webForm(): Promise<{ url: string; finds: string[] }> {
  const finds: string[] = [];
  const tip = { id: 't1', status: 'received' } as TipRecord;
  const filing = {
    find: async (receipt: string) => (finds.push(receipt), receipt === REAL ? tip : null),
    publicView: () => ({
      status: 'received',
      statusName: 'รับเรื่อง',
      receivedAt: new Date(),
      lastUpdateAt: new Date(),
      outcome: null,
      notes: [],
    }),
  } as unknown as TipFiling;
  const clock = () => new Date('2025-03-01T03:00:00Z');
  const limits = {
    attempts: new RateLimiter(clock, 30, 3_600_000),
    filings: new RateLimiter(clock, 5, 86_400_000),
    lookups: new RateLimiter(clock, LOOKUPS.limit, LOOKUPS.windowMs),
  };
  const app = express().set('trust proxy', 'loopback');
  app.use(
    '/tip',
    createTipWebRouter({
      town: () => 'เทศบาลตำบลโพนทราย',
      filing,
      files: new EvidenceFiles(path.join(await tempDir(), 'files'), Buffer.alloc(32)),
      rules: DEFAULT_TIP_RULES,
      clock,
      logger: createMemoryLogger(),
      limits,
    }),
  );
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, finds };
}

const lookUp = (url: string, from: string, receipt: string) =>
  fetch(`${url}/tip/status?receipt=${receipt}`, { headers: { 'x-forwarded-for': from } });
const wrong = (i: number) => String(9_000_000_000_000_000 + i);

describe('receipt lookups nobody can block', () => {
  it('when 62 addresses send 10 wrong receipts each, then each is refused on its 11th, and another address still opens its real receipt', async () => {
    const { url, finds } = await webForm();
    for (let a = 1; a <= 62; a++) {
      const from = `198.51.100.${a}`;
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => lookUp(url, from, wrong(a * 100 + i))));
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(404));
    }
    const eleventh = await lookUp(url, '198.51.100.1', REAL);
    expect(eleventh.status).toBe(429);
    expect(await eleventh.text()).toContain(CHAT.tooManyLookups);
    // Refused before the slow hash: the refusal costs the server nothing
    expect(finds).toHaveLength(620);
    const real = await lookUp(url, '203.0.113.5', REAL);
    expect(real.status).toBe(200);
    expect(await real.text()).toContain('<dd id="status">รับเรื่อง</dd>');
  });

  it('when addresses share an IPv6 /64, then they share one limit; another /64 has its own', async () => {
    const { url } = await webForm();
    for (let i = 0; i < 10; i++) expect((await lookUp(url, `2001:db8:1:2::${i + 1}`, wrong(i))).status).toBe(404);
    expect((await lookUp(url, '2001:db8:1:2:ffff::9', REAL)).status).toBe(429);
    expect((await lookUp(url, '2001:db8:1:3::1', REAL)).status).toBe(200);
  });

  it(
    'when one LINE user guesses until refused, then another user and the web form still open a real receipt',
    { timeout: 60_000 },
    async () => {
      bot = await startBot();
      const receipt = await fileTipInChat(bot, 'U' + 'a'.repeat(32), { what: 'เรื่องจริง' });
      const guesser = 'U' + 'b'.repeat(32);
      for (let i = 0; i < LOOKUPS.limit; i++)
        expect((await say(bot, guesser, `สถานะ ${wrong(i)}`))[0]!.text).toContain(CHAT.notFound);
      expect((await say(bot, guesser, `สถานะ ${receipt}`))[0]!.text).toBe(CHAT.tooManyLookups);
      expect((await say(bot, 'U' + 'c'.repeat(32), `สถานะ ${receipt}`))[0]!.altText).toBe('สถานะเรื่องที่แจ้ง: รับเรื่อง');
      expect((await fetch(`${bot.url}/tip/status?receipt=${receipt}`)).status).toBe(200);
    },
  );
});
