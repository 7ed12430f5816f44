import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDemoRouter, DEFAULT_DEMO_USERS } from '../../src/demo/demo-router.js';
import { startLineStandIn, type LineStandIn } from '../../src/demo/line-stand-in.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { artifact, botSays, fitsWidth, launchChromium, openChat, userSays, type Page } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp-dir.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';

const TOKEN = 'tip-demo-token';
const SECRET = 'tip-demo-secret';
const USER = DEFAULT_DEMO_USERS[0]!.id;

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

/** The whole bot in demo mode (stand-in for LINE, content downloads included), driven from the chat page. */
describe.skipIf(!browser)('tip flow on the demo chat page, in Chromium at 360 px', () => {
  let standIn: LineStandIn;
  let runtime: Runtime;
  let server: Server;
  let url = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    standIn = await startLineStandIn({ token: TOKEN, replyTokens: { requireIssued: true } });
    const router = createDemoRouter({
      standIn,
      channelSecret: SECRET,
      webhookUrl: () => `${url}/webhook`,
      botName: 'เทศบาลตำบลโพนทราย',
    });
    runtime = await createRuntime({
      config: loadConfig({ DATA_DIR: await tempDir(), TIP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }),
      channel: {
        channelSecret: SECRET,
        channelAccessToken: TOKEN,
        apiBaseUrl: standIn.url,
        dataApiBaseUrl: standIn.url,
      },
      logger: createMemoryLogger(),
      routers: [{ path: '/', router }],
    });
    server = await new Promise((resolve) => {
      const s = runtime.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await runtime.close();
    await standIn.close();
    await browser?.close();
  });

  const chip = (page: Page, label: string) => page.locator('#quick-replies .chip', { hasText: label }).first().click();

  it('when a resident reports with quick replies, the date picker, a photo and the location, then the receipt card renders and LINE accepted every call', async () => {
    const page = await openChat(browser!, url, USER, pageErrors);
    await page.locator('#follow').click();
    await botSays(page, /ยินดีต้อนรับ/);
    await page.locator('#text').fill('แจ้งเบาะแส');
    await page.locator('#send').click();
    await botSays(page, 'เกิดอะไรขึ้น');
    await page.screenshot({ path: artifact('tip-demo-intro.png') });
    await page.locator('#text').fill('เจ้าหน้าที่เรียกเงินเพิ่มตอนยื่นคำขอ');
    await page.locator('#send').click();
    await botSays(page, 'รับไว้แล้ว');
    await chip(page, 'เล่าครบแล้ว');
    await botSays(page, 'ใครหรือหน่วยงานใด');
    await chip(page, 'ข้าม');
    await botSays(page, 'เกิดขึ้นเมื่อไร');
    await chip(page, 'เลือกวันเวลา');
    await page.locator('#picker-input').fill('2025-03-05T09:30');
    await page.locator('#picker-ok').click();
    await botSays(page, 'เกิดขึ้นที่ไหน');
    await chip(page, 'ส่งตำแหน่ง');
    await botSays(page, 'มีรูปหลักฐานไหม');
    await page
      .locator('#image-input')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpegWithMetadata() });
    await botSays(page, 'ได้รับรูปที่ 1');
    await chip(page, 'เสร็จแล้ว');
    await botSays(page, 'ไม่ระบุตัวตน');
    await chip(page, 'ไม่ระบุตัวตน');
    await botSays(page, 'สรุปเรื่องที่จะแจ้ง');
    await chip(page, 'ยืนยัน');
    await userSays(page, 'ยืนยัน');
    // The receipt card, then the number on its own (the opening card also speaks of a เลขรับเรื่อง)
    await page.locator('.row.bot .fx-bubble', { hasText: 'ได้รับเรื่องแล้ว' }).last().waitFor();
    await page
      .locator('.row.bot', { hasText: /\d{4} \d{4} \d{4} \d{4}/ })
      .last()
      .waitFor();
    await page.screenshot({ path: artifact('tip-demo-receipt.png') });

    expect(await page.locator('[data-unknown]').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    expect(standIn.calls.filter((c) => c.status >= 400).map((c) => `${c.path} ${c.status}`)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(runtime.tips.stats(new Date(0), new Date(Date.now() + 60_000))).toMatchObject({ open: 1, received: 1 });
    await page.context().close();
  });
});
