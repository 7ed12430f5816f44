import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/richmenu.js';
import { imageSize } from '../../src/demo/stand-in-richmenu.js';
import { startLineStandIn, type LineStandIn } from '../../src/demo/line-stand-in.js';
import { MAIN_MENU } from '../../src/richmenu/main-menu.js';
import { loadMenuImage } from '../../src/richmenu/menu-image-file.js';
import { CHROMIUM_PATH, RenderError, type RenderedImage } from '../../src/richmenu/render-image.js';
import { artifact } from '../helpers/browser.js';
import { expectLineValid } from '../helpers/line-contract.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakePng } from '../helpers/fake-image.js';

const TOKEN = 'richmenu-cli-test-token';
const hasChromium = fs.existsSync(CHROMIUM_PATH);
if (!hasChromium && process.env.CI)
  throw new Error(`${CHROMIUM_PATH} is missing: the rich menu image cannot be rendered`);

/** The data API host: forwards to the stand-in and notes what came this way. */
async function startDataApi(target: string) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // A forward that fails answers 502 instead of leaving the command waiting.
    req.on('end', () => void forward().catch(() => res.writeHead(502).end()));
    const forward = async () => {
      seen.push(`${req.method} ${req.url}`);
      const headers = {
        authorization: req.headers.authorization ?? '',
        'content-type': req.headers['content-type'] ?? '',
      };
      const answer = await fetch(target + req.url, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
        'x-line-request-id': answer.headers.get('x-line-request-id') ?? '',
      });
      res.end(Buffer.from(await answer.arrayBuffer()));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(r)),
  };
}

let standIn: LineStandIn;
let dataApi: Awaited<ReturnType<typeof startDataApi>>;
let dataDir: string;
beforeEach(async () => {
  standIn = await startLineStandIn({ token: TOKEN });
  dataApi = await startDataApi(standIn.url);
  dataDir = await tempDir('richmenu-');
});
afterEach(async () => {
  await dataApi.close();
  await standIn.close();
});

const liveEnv = (extra: Record<string, string> = {}) => ({
  DATA_DIR: dataDir,
  LINE_CHANNEL_SECRET: 'richmenu-test-secret',
  LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
  TIP_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  LINE_API_BASE_URL: standIn.url,
  LINE_DATA_API_BASE_URL: dataApi.url,
  ...extra,
});

async function run(env: Record<string, string>, render?: () => Promise<RenderedImage>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(env, { out: (l) => out.push(l), err: (l) => err.push(l) }, render ? { render } : {});
  return { code, out, err };
}

const steps = () => standIn.calls.map((c) => `${c.method} ${c.path.replace(/richmenu-[0-9a-f]+/, ':id')} ${c.status}`);

describe('npm run richmenu', () => {
  it.skipIf(!hasChromium)(
    'when run with a channel, then it validates, creates, uploads a 2500×843 image to the data API and sets the default, in that order',
    async () => {
      const { code, out, err } = await run(liveEnv());
      expect({ code, err }).toEqual({ code: 0, err: [] });
      expect(steps()).toEqual([
        'POST /v2/bot/richmenu/validate 200',
        'POST /v2/bot/richmenu 200',
        'POST /v2/bot/richmenu/:id/content 200',
        'POST /v2/bot/user/all/richmenu/:id 200',
        'GET /v2/bot/richmenu/list 200',
      ]);
      // The image went to LINE_DATA_API_BASE_URL, nothing else did
      expect(dataApi.seen).toEqual([expect.stringMatching(/^POST \/v2\/bot\/richmenu\/richmenu-[0-9a-f]+\/content$/)]);
      const id = standIn.defaultRichMenuId()!;
      expect(standIn.richMenus().find((m) => m.richMenuId === id)).toMatchObject({ ...MAIN_MENU, hasImage: true });
      expectLineValid('/v2/bot/richmenu', standIn.calls[1]!.body as object);
      const image = standIn.richMenuImage(id)!;
      expect(['image/png', 'image/jpeg']).toContain(image.contentType);
      expect(imageSize(image.data)).toEqual({ width: 2500, height: 843 });
      expect(image.data.length).toBeLessThanOrEqual(1024 * 1024);
      fs.writeFileSync(artifact(image.contentType === 'image/png' ? 'richmenu.png' : 'richmenu.jpg'), image.data);
      expect(out[0]).toMatch(/^rendered the rich menu image: 2500×843 (PNG|JPEG), \d+ KB → /);
      expect(out.at(-1)).toBe(`done: ${id} is the rich menu every friend now sees`);
      // The copy under DATA_DIR is what demo mode shows
      expect((await loadMenuImage(dataDir))?.data.equals(image.data)).toBe(true);
    },
    60_000,
  );

  it('when run a second time, then the new menu is the default and the earlier one is removed', async () => {
    const image = async () => fakePng(2500, 843);
    expect((await run(liveEnv(), image)).code).toBe(0);
    const first = standIn.defaultRichMenuId();
    const { code, out } = await run(liveEnv(), image);
    expect(code).toBe(0);
    expect(standIn.defaultRichMenuId()).not.toBe(first);
    expect(standIn.richMenus().map((m) => m.richMenuId)).toEqual([standIn.defaultRichMenuId()]);
    expect(out).toContain('removed 1 earlier menu(s) named phonsai-main-menu');
  });

  it('when LINE refuses the image, then one line says which step and why, exit is 1, and the half-made menu is deleted', async () => {
    const { code, out, err } = await run(liveEnv(), async () => fakePng(1200, 405));
    expect(code).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(
        /^richmenu failed: upload image: LINE answered 400: Image size 1200x405 does not match the rich menu size 2500x843 \(x-line-request-id [0-9a-f-]{36}\)$/,
      ),
    ]);
    expect(out.some((l) => l.startsWith('done'))).toBe(false);
    expect(steps().slice(-1)).toEqual(['DELETE /v2/bot/richmenu/:id 200']);
    expect(standIn.richMenus()).toEqual([]);
    expect(standIn.defaultRichMenuId()).toBeNull();
  });

  it("when the access token is wrong, then the first step fails with LINE's words on one line and nothing is created", async () => {
    const { code, err } = await run(liveEnv({ LINE_CHANNEL_ACCESS_TOKEN: 'not-the-token' }), async () =>
      fakePng(2500, 843),
    );
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^richmenu failed: validate: LINE answered 401: Authentication failed\. .* \(x-line-request-id /,
    );
    expect(err[0]).not.toContain('not-the-token');
    expect(steps()).toEqual(['POST /v2/bot/richmenu/validate 401']);
  });

  it('when LINE cannot be reached, then one line says so and exit is 1', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const { code, err } = await run(liveEnv({ LINE_API_BASE_URL: `http://127.0.0.1:${port}` }), async () =>
      fakePng(2500, 843),
    );
    expect(code).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(/^richmenu failed: validate: LINE could not be reached: fetch failed ECONNREFUSED$/),
    ]);
  });

  it('when the image cannot be rendered, then one line says why, exit is 1 and LINE is not called', async () => {
    const { code, err } = await run(liveEnv(), async () => {
      throw new RenderError('/usr/bin/chromium not found (apt-get install chromium fonts-thai-tlwg)');
    });
    expect(code).toBe(1);
    expect(err).toEqual([
      'richmenu failed: cannot render the image: /usr/bin/chromium not found (apt-get install chromium fonts-thai-tlwg)',
    ]);
    expect(standIn.calls).toEqual([]);
  });

  it('when the configuration is broken, then one line names the variable', async () => {
    const { code, err } = await run({ DATA_DIR: dataDir, LINE_CHANNEL_SECRET: 'only-the-secret' }, async () =>
      fakePng(2500, 843),
    );
    expect(code).toBe(1);
    expect(err).toEqual([
      'richmenu failed: configuration error: LINE_CHANNEL_ACCESS_TOKEN: must be set too (set both LINE variables for live mode, or neither for demo mode)',
    ]);
  });

  it('when there are no LINE credentials (demo mode), then it keeps the image, says a channel is needed and where the demo page shows the menu', async () => {
    const { code, out, err } = await run({ DATA_DIR: dataDir, PORT: '3456' }, async () => fakePng(2500, 843));
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[1]).toBe(
      'Demo mode (no LINE credentials): there is no LINE channel to install the menu into, so nothing was sent.',
    );
    expect(out.join('\n')).toContain('http://localhost:3456/');
    expect(out.join('\n')).toContain('set LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and TIP_ENCRYPTION_KEY');
    expect(await loadMenuImage(dataDir)).toEqual(fakePng(2500, 843));
    expect(standIn.calls).toEqual([]);
  });
});
