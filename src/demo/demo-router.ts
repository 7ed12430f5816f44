import crypto from 'node:crypto';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { messagingApi } from '@line/bot-sdk';
import { z } from 'zod';
import { pageHeaders } from '../http/headers.js';
import { SHARED_PUBLIC_DIR } from '../http/shared-assets.js';
import { PROJECT_ROOT } from '../paths.js';
import { DemoHub, type HubEvent } from './demo-hub.js';
import { DEMO_RICH_MENU } from './demo-rich-menu.js';
import { buildEvent, newMessageId, postWebhook, UserActionSchema, type UserAction } from './demo-webhook.js';
import type { LineStandIn } from './line-stand-in.js';

/** Static files are read from the source folder, so `src` (tests) and `dist` (npm start) serve the same. */
export const DEMO_PUBLIC_DIR = path.join(PROJECT_ROOT, 'src', 'demo', 'public');

export interface DemoUser {
  id: string;
  name: string;
}

export interface DemoRouterOptions {
  standIn: LineStandIn;
  channelSecret: string;
  /**
   * The bot's own `POST /webhook`, e.g. `http://127.0.0.1:3000/webhook`; a function when the
   * port is known only once the app listens (the router is mounted before that).
   */
  webhookUrl: string | (() => string);
  botName: string;
  users?: DemoUser[];
  /** Drawn in HTML until a rich menu is installed into the stand-in (then that one is shown); `icons` (SVG path data) and `colors` per area. */
  richMenu?: messagingApi.RichMenuRequest & { icons?: string[]; colors?: string[] };
  now?: () => number;
}

export const DEFAULT_DEMO_USERS: DemoUser[] = [
  { id: 'U4f1c2a7e9b3d4c5a6e7f8091a2b3c4d5', name: 'สมชาย ใจดี' },
  { id: 'U9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b', name: 'สมศรี รักถิ่น' },
  { id: 'U0a1b2c3d4e5f60718293a4b5c6d7e8f9', name: 'ยายบุญมี' },
];

const UserId = z.string().regex(/^U[0-9a-f]{32}$/);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const BOT_USER_ID = `U${'0'.repeat(32)}`;
// Inline styles come from Flex JSON (colours, sizes); scripts only from this origin
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data: blob:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * The demo chat page (`GET /`) and the JSON endpoints it uses. The page talks to the bot only
 * through signed webhooks to `webhookUrl`, and sees only what the bot sent to the LINE stand-in.
 */
export function createDemoRouter(opts: DemoRouterOptions): Router {
  const now = opts.now ?? Date.now;
  const hub = new DemoHub(opts.standIn, now);
  const users = opts.users ?? DEFAULT_DEMO_USERS;
  const uploads = new Map<string, { data: Buffer; contentType: string }>();
  // Event ids are `<epoch>-<seq>`: after a restart, a reconnecting page's Last-Event-ID is from another epoch
  const epoch = crypto.randomBytes(4).toString('hex');
  for (const u of users) opts.standIn.setProfile(u.id, { displayName: u.name, language: 'th' });
  const router = express.Router();

  // The shared headers (src/http/headers.ts) with the chat page's own CSP
  const secure = pageHeaders(CSP);

  /** Shows the user's side of the action, then sends LINE's webhook event for it. */
  const act = async (userId: string, action: UserAction, base: string): Promise<number> => {
    const before = hub.friendship(userId);
    if (before === 'blocked' && action.type !== 'follow') return 409;
    const mine = (message: Record<string, unknown>) => hub.record(userId, { from: 'user', message });
    const note = (text: string) => hub.record(userId, { from: 'system', message: { type: 'text', text } });
    if (action.type === 'text') mine({ type: 'text', text: action.text });
    if (action.type === 'postback' && action.displayText) mine({ type: 'text', text: action.displayText });
    if (action.type === 'sticker' || action.type === 'location') mine({ ...action });
    if (action.type === 'image')
      mine({ type: 'image', previewImageUrl: `${base}/demo/api/content/${action.messageId}` });
    if (action.type === 'follow') {
      hub.setFriendship(userId, 'friend');
      opts.standIn.setProfile(userId, {
        displayName: users.find((u) => u.id === userId)?.name ?? `ผู้ใช้ทดลอง ${userId.slice(-4)}`,
        language: 'th',
      });
      note(before === 'blocked' ? `เลิกบล็อก ${opts.botName} แล้ว` : `เพิ่ม ${opts.botName} เป็นเพื่อนแล้ว`);
    }
    if (action.type === 'unfollow') {
      hub.setFriendship(userId, 'blocked');
      opts.standIn.setProfile(userId, null);
      note(`บล็อก ${opts.botName} แล้ว`);
    }
    const replyToken = action.type === 'unfollow' ? null : opts.standIn.issueReplyToken(userId);
    const event = buildEvent(userId, action, replyToken, now());
    if (action.type === 'follow') event.follow = { isUnblocked: before === 'blocked' };
    try {
      const webhookUrl = typeof opts.webhookUrl === 'function' ? opts.webhookUrl() : opts.webhookUrl;
      const status = await postWebhook(webhookUrl, opts.channelSecret, BOT_USER_ID, [event]);
      if (status !== 200) note(`(เว็บฮุกของบอทตอบ ${status})`);
      return status;
    } catch (err) {
      note(`(ส่งเว็บฮุกไม่สำเร็จ: ${(err as Error).message})`);
      return 502;
    }
  };

  router.get('/', secure, (_req, res) => {
    res.sendFile(path.join(DEMO_PUBLIC_DIR, 'index.html'));
  });
  router.use('/demo/assets', secure, express.static(DEMO_PUBLIC_DIR, { index: false, maxAge: 0 }));
  // The Flex renderer is shared with the staff console's preview
  router.use('/demo/assets', secure, express.static(SHARED_PUBLIC_DIR, { index: false, maxAge: 0 }));

  router.get('/demo/api/config', (_req, res) => {
    const installed = opts.standIn.defaultRichMenuId();
    const menu = installed ? opts.standIn.richMenus().find((m) => m.richMenuId === installed) : undefined;
    res.json({
      botName: opts.botName,
      users,
      // The id in the image URL: a newly installed menu is not hidden by a cached image
      richMenu: menu
        ? { ...menu, image: `demo/api/richmenu/image?id=${encodeURIComponent(menu.richMenuId)}` }
        : { ...(opts.richMenu ?? DEMO_RICH_MENU), image: null },
    });
  });

  router.get('/demo/api/richmenu/image', (_req, res) => {
    const id = opts.standIn.defaultRichMenuId();
    const image = id ? opts.standIn.richMenuImage(id) : undefined;
    if (!image) return void res.status(404).json({ error: { code: 'not_found', message: 'no rich menu image' } });
    res.type(image.contentType).set('cache-control', 'no-store').send(image.data);
  });

  router.post('/demo/api/send', express.json({ limit: '64kb' }), async (req, res) => {
    const parsed = z.object({ user: UserId, action: UserActionSchema }).safeParse(req.body);
    if (!parsed.success || parsed.data.action.type === 'image')
      return void res.status(400).json({ error: { code: 'bad_request', message: 'invalid action' } });
    const status = await act(parsed.data.user, parsed.data.action, req.baseUrl);
    res.status(status === 200 ? 200 : 502).json({ webhookStatus: status });
  });

  /**
   * The page remembers each resident's friendship; the stand-in forgets it when the server
   * restarts, while the bot's own records do not. Restores it (no webhook: the bot knows).
   */
  router.post('/demo/api/friendship', express.json({ limit: '1kb' }), (req, res) => {
    const parsed = z.object({ user: UserId, friendship: z.enum(['friend', 'blocked']) }).safeParse(req.body);
    if (!parsed.success)
      return void res
        .status(400)
        .json({ error: { code: 'bad_request', message: 'user and friendship (friend or blocked)' } });
    const { user, friendship } = parsed.data;
    if (hub.friendship(user) === 'new') {
      if (friendship === 'blocked') opts.standIn.setProfile(user, null);
      hub.setFriendship(user, friendship);
    }
    res.json({ friendship: hub.friendship(user) });
  });

  router.post('/demo/api/image', express.raw({ type: 'image/*', limit: '10mb' }), async (req, res) => {
    const user = UserId.safeParse(req.query.user);
    const contentType = (req.get('content-type') ?? '').split(';')[0] ?? '';
    if (!user.success || !IMAGE_TYPES.has(contentType) || !Buffer.isBuffer(req.body) || req.body.length === 0)
      return void res
        .status(400)
        .json({ error: { code: 'bad_request', message: 'send one JPEG, PNG, GIF or WebP image' } });
    const messageId = newMessageId(now());
    opts.standIn.putContent(messageId, req.body, contentType);
    uploads.set(messageId, { data: req.body, contentType });
    // Only keep the most recent uploads for the page (the stand-in keeps its own copy)
    if (uploads.size > 50) uploads.delete(uploads.keys().next().value as string);
    const status = await act(user.data, { type: 'image', messageId }, req.baseUrl);
    res.status(status === 200 ? 200 : 502).json({ webhookStatus: status, messageId });
  });

  router.get('/demo/api/content/:id', (req, res) => {
    const upload = uploads.get(String(req.params.id));
    if (!upload) return void res.status(404).json({ error: { code: 'not_found', message: 'no such image' } });
    res.type(upload.contentType).send(upload.data);
  });

  router.get('/demo/api/events', (req: Request, res: Response) => {
    const user = UserId.safeParse(req.query.user);
    if (!user.success)
      return void res.status(400).json({ error: { code: 'bad_request', message: 'user must be U + 32 hex digits' } });
    const [lastEpoch, lastSeq] = (req.get('last-event-id') ?? '').split('-');
    const after = lastEpoch === epoch ? Number(lastSeq) || 0 : 0;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    const send = (event: HubEvent) => {
      const data = event.type === 'item' ? event.item : event;
      res.write(
        `${event.type === 'item' ? `id: ${epoch}-${event.item.seq}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`,
      );
    };
    res.write(`event: hello\ndata: ${JSON.stringify({ epoch })}\n\n`);
    send({ type: 'friendship', friendship: hub.friendship(user.data) });
    const { history, unsubscribe } = hub.subscribe(user.data, after, send);
    history.forEach((item) => send({ type: 'item', item }));
    const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
  });

  return router;
}
