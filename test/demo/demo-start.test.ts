import fs from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { installRenderedMenu } from '../../src/demo/demo-rich-menu.js';
import { addDemoStaffToken, demoStaffTokenHelp } from '../../src/demo/demo-staff-token.js';
import { startLineStandIn, type LineStandIn } from '../../src/demo/line-stand-in.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { MAIN_MENU } from '../../src/richmenu/main-menu.js';
import { menuImageDir, saveMenuImage } from '../../src/richmenu/menu-image-file.js';
import { createRuntime } from '../../src/runtime.js';
import { tempDir } from '../helpers/temp-dir.js';
import { fakePng } from '../helpers/fake-image.js';

const TOKEN = 'demo-start-test-token';

let standIn: LineStandIn;
let dataDir: string;
beforeEach(async () => {
  standIn = await startLineStandIn({ token: TOKEN });
  dataDir = await tempDir('demo-start-');
});
afterEach(async () => {
  await standIn.close();
});

describe('demo mode at start: the staff token', () => {
  it('when STAFF_TOKENS is unset, then a fresh 32-character token for "demo" is added; when set, nothing is added', () => {
    const none = new Map<string, string>();
    const token = addDemoStaffToken(none)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect([...none]).toEqual([[token, 'demo']]);
    expect(addDemoStaffToken(new Map())).not.toBe(token);
    const configured = loadConfig({ STAFF_TOKENS: `alice:${'a'.repeat(32)}` }).staffTokens;
    expect(addDemoStaffToken(configured)).toBeNull();
    expect([...configured.values()]).toEqual(['alice']);
  });

  it('when the printed token is used, then the staff API answers it (and only it), and the help shows a curl to publish', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const token = addDemoStaffToken(config.staffTokens)!;
    const runtime = await createRuntime({
      config,
      channel: {
        channelSecret: 'demo-start-secret',
        channelAccessToken: TOKEN,
        apiBaseUrl: standIn.url,
        dataApiBaseUrl: standIn.url,
      },
      logger: createMemoryLogger(),
    });
    const server = await new Promise<Server>((resolve) => {
      const s = runtime.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/staff/api/stats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
        200,
      );
      expect(
        (await fetch(`${url}/staff/api/stats`, { headers: { authorization: `Bearer ${'x'.repeat(32)}` } })).status,
      ).toBe(401);
    } finally {
      server.close();
      await runtime.close();
    }
    const help = demoStaffTokenHelp(token, 3000).join('\n');
    expect(help).toContain(`curl -X POST http://localhost:3000/staff/api/publications`);
    expect(help).toContain(`-H 'Authorization: Bearer ${token}'`);
    const body = /-d '(.+)'/.exec(help)![1]!;
    expect(JSON.parse(body)).toEqual({ topic: 'news', title: expect.any(String), body: expect.any(String) });
  });
});

describe('demo mode at start: the rendered rich menu', () => {
  it('when `npm run richmenu` has rendered the current design, then it is installed into the stand-in through the API', async () => {
    await saveMenuImage(dataDir, fakePng());
    expect(await installRenderedMenu(standIn, TOKEN, dataDir)).toBe(
      'the image `npm run richmenu` rendered, installed into the stand-in as on LINE',
    );
    const id = standIn.defaultRichMenuId()!;
    expect(standIn.richMenus()).toEqual([{ richMenuId: id, ...MAIN_MENU, hasImage: true }]);
    expect(standIn.richMenuImage(id)).toEqual(fakePng());
  });

  it('when no image was rendered, or it was made from an older design, then the page draws the menu and nothing is installed', async () => {
    expect(await installRenderedMenu(standIn, TOKEN, dataDir)).toMatch(/^drawn by the page/);
    await saveMenuImage(dataDir, fakePng());
    const sidecar = path.join(menuImageDir(dataDir), 'rich-menu.json');
    const old = JSON.parse(await fs.readFile(sidecar, 'utf8')) as Record<string, string>;
    await fs.writeFile(sidecar, JSON.stringify({ ...old, fingerprint: 'an-older-design' }));
    expect(await installRenderedMenu(standIn, TOKEN, dataDir)).toMatch(/^drawn by the page/);
    expect(standIn.calls).toEqual([]);
  });

  it('when the install fails, then start goes on and the line says why', async () => {
    await saveMenuImage(dataDir, fakePng());
    expect(await installRenderedMenu(standIn, 'a-wrong-token', dataDir)).toMatch(
      /^drawn by the page \(the rendered image was not installed: validate: LINE answered 401/,
    );
  });
});
