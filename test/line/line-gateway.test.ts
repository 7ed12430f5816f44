import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createLineGateway, isTransient, LineApiError } from '../../src/line/line-gateway.js';
import { userId } from '../helpers/events.js';
import { LINE_BASE } from '../helpers/line-nock.js';

const text = [{ type: 'text' as const, text: 'สวัสดี' }];
const gateway = (timeoutMs = 300) =>
  createLineGateway({ channelAccessToken: 'token', apiBaseUrl: LINE_BASE, timeoutMs });

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('LINE gateway time limits', () => {
  it('when LINE does not answer in time, then the call fails as unanswered (retryable) at the limit, not when LINE gets round to it', async () => {
    nock.disableNetConnect();
    nock(LINE_BASE).post('/v2/bot/message/reply').delay(5_000).reply(200, {});
    const started = performance.now();
    const err = await gateway(300)
      .reply('token-1', text)
      .catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(err).toBeInstanceOf(LineApiError);
    expect((err as LineApiError).status).toBeNull();
    expect((err as LineApiError).body).toContain('timeout');
    expect(isTransient(err)).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(280);
    expect(waited).toBeLessThan(2_000);
  });

  it("when a call passes its own limit, then the sooner of it and the gateway's applies", async () => {
    nock.disableNetConnect();
    nock(LINE_BASE).post('/v2/bot/message/reply').delay(3_000).reply(200, {});
    const started = performance.now();
    await expect(gateway(5_000).reply('token-2', text, { timeoutMs: 100 })).rejects.toMatchObject({ status: null });
    expect(performance.now() - started).toBeLessThan(1_500);
    nock(LINE_BASE).post('/v2/bot/message/reply').delay(3_000).reply(200, {});
    const again = performance.now();
    await expect(gateway(100).reply('token-2', text, { timeoutMs: 60_000 })).rejects.toMatchObject({ status: null });
    expect(performance.now() - again).toBeLessThan(1_500);
  });

  it('when the loading animation hangs, then it gives up too', async () => {
    nock.disableNetConnect();
    nock(LINE_BASE).post('/v2/bot/chat/loading/start').delay(3_000).reply(202, {});
    await expect(gateway(200).showLoading(userId(1), 5)).rejects.toMatchObject({ operation: 'loading', status: null });
  });

  it('when the connection fails, then the error is unanswered and retryable; a 400 is not retryable, a 5xx and a 429 are', async () => {
    nock.disableNetConnect();
    nock(LINE_BASE).post('/v2/bot/message/reply').replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const network = await gateway()
      .reply('token-3', text)
      .catch((e: unknown) => e);
    expect(network).toMatchObject({ status: null });
    expect(isTransient(network)).toBe(true);
    for (const [status, transient] of [
      [400, false],
      [500, true],
      [503, true],
      [429, true],
      [409, false],
    ] as const) {
      nock(LINE_BASE).post('/v2/bot/message/reply').reply(status, { message: 'x' }, { 'x-line-request-id': 'req-9' });
      const err = await gateway()
        .reply('token-4', text)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ status, requestId: 'req-9' });
      expect(isTransient(err)).toBe(transient);
    }
    expect(isTransient(new Error('a bug'))).toBe(false);
  });

  it('when LINE answers in time, then the request id comes back', async () => {
    nock.disableNetConnect();
    nock(LINE_BASE)
      .post('/v2/bot/message/reply')
      .delay(50)
      .reply(200, { sentMessages: [] }, { 'x-line-request-id': 'req-ok' });
    await expect(gateway(1_000).reply('token-5', text)).resolves.toEqual({ requestId: 'req-ok' });
  });
});
