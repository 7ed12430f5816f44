import { randomUUID } from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startLineStandIn } from '../../src/demo/line-stand-in.js';
import type { Delivery, LineStandIn, LineStandInOptions } from '../../src/demo/line-stand-in.js';

const TOKEN = 'test-channel-access-token';
const USER = `U${'a1'.repeat(16)}`;
const text = (t: string) => ({ type: 'text' as const, text: t });

let standIn: LineStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function start(opts: Partial<LineStandInOptions> = {}) {
  standIn = await startLineStandIn({ token: TOKEN, ...opts });
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: standIn.url });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL: standIn.url });
  return { standIn, client, blob };
}

/** The SDK's error for a call that must fail. */
async function failure(call: Promise<unknown>): Promise<HTTPFetchError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HTTPFetchError);
  return err as HTTPFetchError;
}

describe('LINE stand-in', () => {
  it('when the bot replies with an issued token, then it answers sentMessages, records the call and emits the delivery to the user', async () => {
    const { standIn, client } = await start();
    const delivered: Delivery[] = [];
    standIn.on('message', (d) => delivered.push(d));
    const replyToken = standIn.issueReplyToken(USER);

    const res = await client.replyMessageWithHttpInfo({ replyToken, messages: [text('สวัสดีครับ')] });

    expect(res.httpResponse.status).toBe(200);
    expect(res.httpResponse.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.sentMessages).toHaveLength(1);
    expect(res.body.sentMessages[0]).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      quoteToken: expect.any(String),
    });
    expect(delivered).toEqual([
      expect.objectContaining({ kind: 'reply', to: [USER], messages: [text('สวัสดีครับ')], replyToken }),
    ]);
    expect(standIn.calls).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v2/bot/message/reply',
        status: 200,
        body: { replyToken, messages: [text('สวัสดีครับ')] },
      }),
    ]);
  });

  it('when a reply token is used twice, then the second use is 400 Invalid reply token', async () => {
    const { standIn, client } = await start();
    const replyToken = standIn.issueReplyToken(USER);
    await client.replyMessage({ replyToken, messages: [text('one')] });

    const err = await failure(client.replyMessage({ replyToken, messages: [text('two')] }));

    expect(err.status).toBe(400);
    expect(JSON.parse(err.body)).toEqual({ message: 'Invalid reply token' });
  });

  it('when a push is replayed with the same retry key, then the second is 409 naming the accepted request', async () => {
    const { standIn, client } = await start();
    const delivered: Delivery[] = [];
    standIn.on('message', (d) => delivered.push(d));
    const key = randomUUID();
    const first = await client.pushMessageWithHttpInfo({ to: USER, messages: [text('ข่าว')] }, key);

    const err = await failure(client.pushMessage({ to: USER, messages: [text('ข่าว')] }, key));

    expect(err.status).toBe(409);
    expect(JSON.parse(err.body)).toEqual({
      message: 'The retry key is already accepted',
      sentMessages: first.body.sentMessages,
    });
    expect(err.headers.get('x-line-accepted-request-id')).toBe(first.httpResponse.headers.get('x-line-request-id'));
    expect(delivered).toHaveLength(1);
  });

  it('when multicast goes over its rate limit, then the extra request is 429 Too many requests', async () => {
    const { client } = await start({ rateLimits: { '/v2/bot/message/multicast': 2 } });
    const send = () => client.multicast({ to: [USER], messages: [text('ประกาศ')] });
    expect(await send()).toEqual({});
    expect(await send()).toEqual({});

    const err = await failure(send());

    expect(err.status).toBe(429);
    expect(JSON.parse(err.body)).toEqual({ message: 'Too many requests' });
  });

  it('when the monthly quota is spent, then push is 429 with the monthly-limit message', async () => {
    const { client } = await start({ monthlyQuota: 2 });
    await client.multicast({ to: [USER, `U${'b2'.repeat(16)}`], messages: [text('a')] });

    const err = await failure(client.pushMessage({ to: USER, messages: [text('b')] }));

    expect(err.status).toBe(429);
    expect(JSON.parse(err.body)).toEqual({ message: 'You have reached your monthly limit.' });
  });

  it('when a body breaks the LINE contract, then it is 400 with LINE-style details and nothing is delivered', async () => {
    const { standIn, client } = await start();
    const delivered: Delivery[] = [];
    standIn.on('message', (d) => delivered.push(d));
    const longLabel = 'ก'.repeat(21);
    const bad = {
      to: USER,
      messages: [
        {
          type: 'text',
          text: 'เลือก',
          quickReply: { items: [{ type: 'action', action: { type: 'message', label: longLabel, text: 'x' } }] },
        },
      ],
    } as messagingApi.PushMessageRequest;

    const err = await failure(client.pushMessage(bad));

    expect(err.status).toBe(400);
    const body = JSON.parse(err.body) as { message: string; details: { message: string; property: string }[] };
    expect(body.message).toMatch(/^The request body has [1-9]\d* error\(s\)$/);
    expect(body.details).toContainEqual({
      property: 'messages[0].quickReply.items[0].action.label',
      message: expect.stringContaining('20'),
    });
    expect(delivered).toEqual([]);
  });

  it('when content was registered, then the blob client downloads it; otherwise 404', async () => {
    const { standIn, blob } = await start();
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    standIn.putContent('100001', bytes, 'image/jpeg');

    const res = await blob.getMessageContentWithHttpInfo('100001');
    const chunks: Buffer[] = [];
    for await (const chunk of res.body) chunks.push(chunk as Buffer);

    expect(res.httpResponse.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.concat(chunks)).toEqual(bytes);
    expect((await failure(blob.getMessageContent('100002'))).status).toBe(404);
  });

  it('when the token is missing or wrong, then every endpoint is 401', async () => {
    const { standIn } = await start();
    const wrong = new messagingApi.MessagingApiClient({ channelAccessToken: 'nope', baseURL: standIn.url });

    expect((await failure(wrong.pushMessage({ to: USER, messages: [text('x')] }))).status).toBe(401);
    const bare = await fetch(`${standIn.url}/v2/bot/profile/${USER}`);
    expect(bare.status).toBe(401);
  });

  it('when a failure is injected after acceptance, then the retry with the same key is 409 (already sent)', async () => {
    const { client } = await start({ failRate: { path: '/v2/bot/message/push', rate: 1, when: 'after' } });
    const key = randomUUID();
    expect((await failure(client.pushMessage({ to: USER, messages: [text('x')] }, key))).status).toBe(500);
    expect((await failure(client.pushMessage({ to: USER, messages: [text('x')] }, key))).status).toBe(409);
  });

  it('when a retry key is sent on reply, then it is 400', async () => {
    const { standIn } = await start();
    const res = await fetch(`${standIn.url}/v2/bot/message/reply`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        'x-line-retry-key': randomUUID(),
      },
      body: JSON.stringify({ replyToken: standIn.issueReplyToken(USER), messages: [text('x')] }),
    });
    expect(res.status).toBe(400);
  });

  it('when the loading animation, a profile and a rich menu are requested, then they answer as LINE does', async () => {
    const { standIn, client } = await start();
    const loading: string[] = [];
    standIn.on('loading', (e) => loading.push(e.chatId));

    expect(
      (await client.showLoadingAnimationWithHttpInfo({ chatId: USER, loadingSeconds: 5 })).httpResponse.status,
    ).toBe(202);
    expect(loading).toEqual([USER]);
    expect(await client.getProfile(USER)).toMatchObject({ userId: USER, displayName: expect.any(String) });

    const menu: messagingApi.RichMenuRequest = {
      size: { width: 2500, height: 843 },
      selected: true,
      name: 'main',
      chatBarText: 'เมนู',
      areas: [
        {
          bounds: { x: 0, y: 0, width: 833, height: 421 },
          action: { type: 'message', label: 'ถาม', text: 'ถามคำถาม' },
        },
      ],
    };
    await client.validateRichMenuObject(menu);
    const { richMenuId } = await client.createRichMenu(menu);
    expect((await failure(client.setDefaultRichMenu(richMenuId))).status).toBe(400); // no image yet
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(2500, 16);
    png.writeUInt32BE(843, 20);
    const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL: standIn.url });
    await blob.setRichMenuImage(richMenuId, new Blob([png], { type: 'image/png' }));
    await client.setDefaultRichMenu(richMenuId);
    expect(standIn.defaultRichMenuId()).toBe(richMenuId);
    expect((await client.getRichMenuList()).richmenus.map((m) => m.richMenuId)).toEqual([richMenuId]);
  });

  it('when more calls than maxCalls arrive, then only the newest are kept', async () => {
    const { standIn, client } = await start({ maxCalls: 2, contract: false });
    for (const t of ['1', '2', '3']) await client.pushMessage({ to: USER, messages: [text(t)] });
    expect(standIn.calls.map((c) => (c.body as { messages: { text: string }[] }).messages[0]?.text)).toEqual([
      '2',
      '3',
    ]);
  });
});
