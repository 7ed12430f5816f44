import crypto from 'node:crypto';
import { lineError } from './stand-in-types.js';
import type { Answer, Profile, Route, StandInRequest } from './stand-in-types.js';

/** What these routes need from the stand-in around them. */
export interface ResourceContext {
  checkBody(contractPath: string, req: StandInRequest): Promise<Answer | null>;
  /** Called when the default rich menu changes (null: none any more). */
  defaultChanged?(richMenuId: string | null): void;
}

interface RichMenu {
  richMenuId: string;
  request: { size?: { width: number; height: number } } & Record<string, unknown>;
  image?: { data: Buffer; contentType: string };
}

const USER_ID = /^U[0-9a-f]{32}$/;
const IMAGE_MAX = 1024 * 1024;
const CONTENT_BUDGET = 64 * 1024 * 1024;
const notFound = () => lineError(404, 'Not found');

/** Width × height of a PNG or JPEG, or null when the bytes are neither. */
export function imageSize(data: Buffer): { width: number; height: number } | null {
  if (data.length > 24 && data.readUInt32BE(0) === 0x89504e47)
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  if (data.length > 4 && data[0] === 0xff && data[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker
    let at = 2;
    while (at + 9 < data.length && data[at] === 0xff) {
      const marker = data[at + 1] as number;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { width: data.readUInt16BE(at + 7), height: data.readUInt16BE(at + 5) };
      at += 2 + data.readUInt16BE(at + 2);
    }
  }
  return null;
}

/** Rich menus, user profiles and message content (the data API), as LINE answers them. */
export function createResourceRoutes(ctx: ResourceContext) {
  const menus = new Map<string, RichMenu>();
  const profiles = new Map<string, Profile | null>();
  const contents = new Map<string, { data: Buffer; contentType: string }>();
  let contentBytes = 0;
  let defaultMenuId: string | null = null;
  const setDefault = (id: string | null) => {
    if (id === defaultMenuId) return;
    defaultMenuId = id;
    ctx.defaultChanged?.(id);
  };

  const menu = (req: StandInRequest) => menus.get(req.params.richMenuId ?? '');

  const createMenu = async (req: StandInRequest, validateOnly: boolean): Promise<Answer> => {
    const refused = await ctx.checkBody('/v2/bot/richmenu', req);
    if (refused) return refused;
    if (validateOnly) return { status: 200, body: {} };
    const richMenuId = `richmenu-${crypto.randomBytes(16).toString('hex')}`;
    menus.set(richMenuId, { richMenuId, request: req.body as RichMenu['request'] });
    return { status: 200, body: { richMenuId } };
  };

  const uploadImage = (req: StandInRequest): Answer => {
    const found = menu(req);
    if (!found) return notFound();
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (contentType !== 'image/png' && contentType !== 'image/jpeg') return lineError(415, 'Unsupported Media Type');
    if (req.raw.length > IMAGE_MAX) return lineError(413, 'Request Entity Too Large');
    const size = imageSize(req.raw);
    if (!size) return lineError(400, 'Invalid image file');
    const want = found.request.size;
    if (want && (want.width !== size.width || want.height !== size.height))
      return lineError(
        400,
        `Image size ${size.width}x${size.height} does not match the rich menu size ${want.width}x${want.height}`,
      );
    if (found.image) return lineError(400, 'An image has already been uploaded to the richmenu');
    found.image = { data: Buffer.from(req.raw), contentType };
    return { status: 200, body: {} };
  };

  const routes: Route[] = [
    { method: 'POST', pattern: '/v2/bot/richmenu/validate', handle: (req) => createMenu(req, true) },
    { method: 'POST', pattern: '/v2/bot/richmenu', handle: (req) => createMenu(req, false) },
    {
      method: 'GET',
      pattern: '/v2/bot/richmenu/list',
      handle: () => ({
        status: 200,
        body: { richmenus: [...menus.values()].map((m) => ({ richMenuId: m.richMenuId, ...m.request })) },
      }),
    },
    {
      method: 'GET',
      pattern: '/v2/bot/richmenu/:richMenuId',
      handle: (req) => {
        const m = menu(req);
        return m ? { status: 200, body: { richMenuId: m.richMenuId, ...m.request } } : notFound();
      },
    },
    {
      method: 'DELETE',
      pattern: '/v2/bot/richmenu/:richMenuId',
      handle: (req) => {
        if (!menus.delete(req.params.richMenuId ?? '')) return notFound();
        if (defaultMenuId === req.params.richMenuId) setDefault(null);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'POST',
      pattern: '/v2/bot/user/all/richmenu/:richMenuId',
      handle: (req) => {
        const m = menu(req);
        if (!m) return lineError(400, 'richmenu not found');
        if (!m.image) return lineError(400, 'must upload richmenu image before applying it to user');
        setDefault(m.richMenuId);
        return { status: 200, body: {} };
      },
    },
    {
      method: 'GET',
      pattern: '/v2/bot/user/all/richmenu',
      handle: () => (defaultMenuId ? { status: 200, body: { richMenuId: defaultMenuId } } : notFound()),
    },
    {
      method: 'DELETE',
      pattern: '/v2/bot/user/all/richmenu',
      handle: () => {
        setDefault(null);
        return { status: 200, body: {} };
      },
    },
    // Data API (api-data.line.me)
    { method: 'POST', pattern: '/v2/bot/richmenu/:richMenuId/content', maxBytes: 4 * IMAGE_MAX, handle: uploadImage },
    {
      method: 'GET',
      pattern: '/v2/bot/richmenu/:richMenuId/content',
      handle: (req) => {
        const img = menu(req)?.image;
        return img ? { status: 200, bytes: img } : notFound();
      },
    },
    {
      method: 'GET',
      pattern: '/v2/bot/message/:messageId/content',
      handle: (req) => {
        const c = contents.get(req.params.messageId ?? '');
        return c ? { status: 200, bytes: c } : notFound();
      },
    },
    {
      method: 'GET',
      pattern: '/v2/bot/message/:messageId/content/transcoding',
      handle: (req) =>
        contents.has(req.params.messageId ?? '') ? { status: 200, body: { status: 'succeeded' } } : notFound(),
    },
    {
      method: 'GET',
      pattern: '/v2/bot/profile/:userId',
      handle: (req) => {
        const userId = req.params.userId ?? '';
        const profile = profiles.has(userId)
          ? profiles.get(userId)
          : { displayName: `ผู้ใช้ทดลอง ${userId.slice(-4)}`, language: 'th' };
        return USER_ID.test(userId) && profile ? { status: 200, body: { userId, ...profile } } : notFound();
      },
    },
    {
      method: 'GET',
      pattern: '/v2/bot/info',
      handle: () => ({
        status: 200,
        body: {
          userId: `U${'0'.repeat(32)}`,
          basicId: '@demo',
          displayName: 'Demo bot',
          chatMode: 'bot',
          markAsReadMode: 'auto',
        },
      }),
    },
  ];

  return {
    routes,
    /** Bytes the bot can download from the data API as message `messageId`'s content. */
    putContent: (messageId: string, data: Buffer, contentType: string): void => {
      const old = contents.get(messageId);
      if (old) contentBytes -= old.data.length;
      contents.delete(messageId);
      contents.set(messageId, { data, contentType });
      contentBytes += data.length;
      // Only keep the most recent content within the budget
      for (const [id, c] of contents) {
        if (contentBytes <= CONTENT_BUDGET || id === messageId) break;
        contents.delete(id);
        contentBytes -= c.data.length;
      }
    },
    /** Sets a user's profile; null makes it 404 (as for a user who blocked the account). */
    setProfile: (userId: string, profile: Profile | null): void => {
      profiles.set(userId, profile);
    },
    richMenus: () =>
      [...menus.values()].map((m) => ({ richMenuId: m.richMenuId, ...m.request, hasImage: Boolean(m.image) })),
    defaultRichMenuId: () => defaultMenuId,
    richMenuImage: (id: string) => menus.get(id)?.image,
  };
}
