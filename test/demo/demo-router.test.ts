import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_RICH_MENU } from '../../src/demo/demo-rich-menu.js';
import { DEFAULT_DEMO_USERS, DEMO_PUBLIC_DIR } from '../../src/demo/demo-router.js';
import { startLineStandIn, type LineStandIn } from '../../src/demo/line-stand-in.js';
import { startFakeBot } from './fake-bot.js';

const TOKEN = 'router-test-token';
const SECRET = 'router-test-secret';
const USER = DEFAULT_DEMO_USERS[0]!.id;

let standIn: LineStandIn;
let bot: Awaited<ReturnType<typeof startFakeBot>>;
beforeEach(async () => {
  standIn = await startLineStandIn({ token: TOKEN, replyTokens: { requireIssued: true } });
  bot = await startFakeBot({ standIn, channelSecret: SECRET, token: TOKEN, botName: 'บอททดลอง' });
});
afterEach(async () => {
  await bot.close();
  await standIn.close();
});

const send = (action: unknown, user = USER) =>
  fetch(`${bot.url}/demo/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, action }),
  });

/** Reads the user's event stream until `until` holds for the events so far (or 5 s pass). */
async function readEvents(
  user: string,
  until: (events: Array<{ event: string; id?: string; data: any }>) => boolean,
  lastEventId?: string,
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  const res = await fetch(`${bot.url}/demo/api/events?user=${user}`, {
    signal: controller.signal,
    headers: lastEventId ? { 'last-event-id': lastEventId } : {},
  });
  const events: Array<{ event: string; id?: string; data: any }> = [];
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        if (field('event'))
          events.push({ event: field('event')!, id: field('id'), data: JSON.parse(field('data') ?? 'null') });
      }
      if (until(events)) break;
    }
  } catch {
    // aborted after 5 s: return what arrived
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { res, events };
}

describe('demo router', () => {
  it('when the page is requested, then it is served with a CSP that allows no inline script', async () => {
    const res = await fetch(`${bot.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The rest comes from the shared set (src/http/headers.ts), not set again by the demo
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="th">');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await fetch(`${bot.url}/demo/assets/flex-render.js`)).headers.get('content-type')).toMatch(/javascript/);
    // Every module the page's scripts import is served, from the demo's folder or the shared one
    const imported = fs
      .readdirSync(DEMO_PUBLIC_DIR)
      .filter((f) => f.endsWith('.js'))
      .flatMap((f) => [...fs.readFileSync(path.join(DEMO_PUBLIC_DIR, f), 'utf8').matchAll(/from '\.\/([\w-]+\.js)'/g)])
      .map((m) => m[1]!);
    expect(imported).toEqual(expect.arrayContaining(['flex-render.js', 'message-render.js']));
    for (const file of new Set(imported)) {
      const res = await fetch(`${bot.url}/demo/assets/${file}`);
      expect({ file, status: res.status }).toEqual({ file, status: 200 });
    }
    for (const file of fs.readdirSync(DEMO_PUBLIC_DIR).filter((f) => f.endsWith('.html'))) {
      expect(fs.readFileSync(path.join(DEMO_PUBLIC_DIR, file), 'utf8')).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('when a user follows and writes, then the bot gets signed LINE events and the stream shows both sides', async () => {
    expect((await send({ type: 'follow' })).status).toBe(200);
    await vi.waitFor(() => expect(standIn.calls.map((c) => c.path)).toEqual(['/v2/bot/message/reply']));
    expect((await send({ type: 'text', text: 'สวัสดี' })).status).toBe(200);

    const { res, events } = await readEvents(
      USER,
      (ev) => ev.filter((e) => e.event === 'item' && e.data.from === 'bot').length >= 2,
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events[0]).toEqual({ event: 'hello', data: { epoch: expect.stringMatching(/^[0-9a-f]{8}$/) } });
    expect(events[1]).toEqual({ event: 'friendship', data: { type: 'friendship', friendship: 'friend' } });
    const lines = events.filter((e) => e.event === 'item').map((e) => `${e.data.from}: ${e.data.message.text}`);
    expect(lines).toEqual([
      'system: เพิ่ม บอททดลอง เป็นเพื่อนแล้ว',
      'bot: สวัสดีค่ะ ยินดีต้อนรับสู่บัญชีทดลองของเทศบาล',
      'user: สวัสดี',
      'bot: ได้รับข้อความ: สวัสดี',
    ]);
    expect(bot.events.map((e) => e.type)).toEqual(['follow', 'message']);
    expect(bot.events[1]).toMatchObject({
      mode: 'active',
      source: { type: 'user', userId: USER },
      deliveryContext: { isRedelivery: false },
      replyToken: expect.stringMatching(/^[0-9a-f]{32}$/),
    });

    // A reconnecting EventSource sends Last-Event-ID and gets only what came after it
    const lastId = events.filter((e) => e.event === 'item')[1]!.id;
    const resumed = await readEvents(USER, (ev) => ev.filter((e) => e.event === 'item').length >= 2, lastId);
    expect(resumed.events.filter((e) => e.event === 'item').map((e) => e.data.message.text)).toEqual([
      'สวัสดี',
      'ได้รับข้อความ: สวัสดี',
    ]);
    // ... and an id from before a restart (another epoch) gets the whole history
    const restarted = await readEvents(
      USER,
      (ev) => ev.filter((e) => e.event === 'item').length >= 4,
      `0badc0de-${lastId!.split('-')[1]}`,
    );
    expect(restarted.events.filter((e) => e.event === 'item')).toHaveLength(4);
  });

  it('when the action or user is malformed, then it is 400 and nothing reaches the bot', async () => {
    expect((await send({ type: 'text', text: 'x' }, 'U123')).status).toBe(400);
    expect((await send({ type: 'teleport' })).status).toBe(400);
    expect((await send({ type: 'postback', data: 'x'.repeat(301) })).status).toBe(400);
    expect((await fetch(`${bot.url}/demo/api/events?user=nobody`)).status).toBe(400);
    expect(bot.events).toEqual([]);
  });

  it('when the page restores a remembered friendship after a restart, then the stream says so, the bot hears nothing, and a known friendship stays', async () => {
    const restore = (friendship: string, user = USER) =>
      fetch(`${bot.url}/demo/api/friendship`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user, friendship }),
      });
    expect(await (await restore('friend')).json()).toEqual({ friendship: 'friend' });
    const { events } = await readEvents(USER, (ev) => ev.some((e) => e.event === 'friendship'));
    expect(events.find((e) => e.event === 'friendship')!.data).toEqual({ type: 'friendship', friendship: 'friend' });
    // Only a forgotten ("new") friendship is restored: the stand-in's own knowledge wins
    expect(await (await restore('blocked')).json()).toEqual({ friendship: 'friend' });
    const other = DEFAULT_DEMO_USERS[1]!.id;
    expect(await (await restore('blocked', other)).json()).toEqual({ friendship: 'blocked' });
    expect((await send({ type: 'text', text: 'ยังอยู่ไหม' }, other)).status).toBe(502);
    expect((await restore('stranger')).status).toBe(400);
    expect(bot.events).toEqual([]);
  });

  it('when an image is uploaded, then the stand-in serves it to the bot and the page can show it', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const res = await fetch(`${bot.url}/demo/api/image?user=${USER}`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: bytes,
    });
    expect(res.status).toBe(200);
    const { messageId } = (await res.json()) as { messageId: string };
    const { events } = await readEvents(USER, (ev) =>
      ev.some((e) => e.data?.message?.text === `ได้รับรูปภาพ ${bytes.length} ไบต์`),
    );
    expect(events.some((e) => e.data?.message?.previewImageUrl === `/demo/api/content/${messageId}`)).toBe(true);
    expect(Buffer.from(await (await fetch(`${bot.url}/demo/api/content/${messageId}`)).arrayBuffer())).toEqual(bytes);
    expect(bot.events[0]!.message).toMatchObject({ id: messageId, type: 'image', contentProvider: { type: 'line' } });
  });

  it("when no rich menu is installed, then the page gets the bot's own menu to draw; once one is installed, that one, and open pages are told", async () => {
    const before = (await (await fetch(`${bot.url}/demo/api/config`)).json()) as { richMenu: Record<string, unknown> };
    expect(before.richMenu).toEqual({ ...DEMO_RICH_MENU, image: null });
    let streaming = () => {};
    const open = new Promise<void>((resolve) => (streaming = resolve));
    const told = readEvents(USER, (ev) => (streaming(), ev.some((e) => e.event === 'richmenu')));
    await open;

    const { richMenuId } = await bot.client.createRichMenu({
      size: { width: 2500, height: 843 },
      selected: true,
      name: 'm',
      chatBarText: 'เมนูหลัก',
      areas: [
        { bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'message', label: 'ทั้งหมด', text: 'เมนู' } },
      ],
    });
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(2500, 16);
    png.writeUInt32BE(843, 20);
    await fetch(`${standIn.url}/v2/bot/richmenu/${richMenuId}/content`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/png' },
      body: png,
    });
    await bot.client.setDefaultRichMenu(richMenuId);

    const after = (await (await fetch(`${bot.url}/demo/api/config`)).json()) as {
      richMenu: { chatBarText: string; image: string };
    };
    expect(after.richMenu).toMatchObject({ chatBarText: 'เมนูหลัก', image: `demo/api/richmenu/image?id=${richMenuId}` });
    expect(Buffer.from(await (await fetch(`${bot.url}/demo/api/richmenu/image`)).arrayBuffer())).toEqual(png);
    expect((await told).events.filter((e) => e.event === 'richmenu')).toEqual([
      { event: 'richmenu', data: { type: 'richmenu' } },
    ]);
  });
});
