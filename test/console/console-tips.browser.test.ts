import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type TestBot } from '../helpers/bot.js';
import { userId } from '../helpers/events.js';
import { artifact, fitsWidth, launchChromium } from '../helpers/browser.js';
import { fileTipInChat } from '../helpers/tip-chat-helpers.js';
import { jpegWithMetadata } from '../helpers/tip-fixtures.js';
import { createReadyAccount } from '../helpers/console-client.js';
import { loginAs, openConsole, type ConsolePage } from './console-browser.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)> เรียกรับเงินค่าใบอนุญาต`;
const DAY = 24 * 60 * 60 * 1000;

describe.skipIf(!browser)('staff console in Chromium: handling a tip', () => {
  let bot: TestBot;
  let now = new Date('2026-02-02T03:00:00Z');
  const problems: string[] = [];
  let receipt = '';

  beforeAll(async () => {
    bot = await startBot({ clock: () => now });
    const form = new FormData();
    for (const [k, v] of Object.entries({ what: XSS, who: '<b>กองคลัง</b>', when: '', where: '' })) form.append(k, v);
    form.append('evidence', new Blob([jpegWithMetadata()], { type: 'image/jpeg' }), 'photo.jpg');
    const page = await (await fetch(`${bot.url}/tip`, { method: 'POST', body: form })).text();
    receipt = /id="receipt">(\d{4} \d{4} \d{4} \d{4})</.exec(page)![1]!.replace(/ /g, '');
    now = new Date(now.getTime() + DAY);
    await fileTipInChat(bot, userId(9), { what: 'เรื่องที่สอง: ขอค่าดำเนินการนอกระบบ' });
    now = new Date(now.getTime() + 8 * DAY); // past the 7-day acknowledgement deadline of both
  });
  afterAll(async () => {
    await browser?.close();
    await bot.close();
  });

  const expectClean = async (page: ConsolePage) => {
    expect(await fitsWidth(page)).toBe(true);
    expect(problems).toEqual([]);
  };

  it('when a tip handler works a tip to closed, then its text stays inert, evidence shows, every step is audited without content and the reporter sees the outcome', async () => {
    const password = await createReadyAccount(bot.dataDir, 'niran', 'tip-handler');
    const page = await openConsole(browser!, problems);
    await loginAs(page, bot.url, 'niran', password);
    expect(await page.locator('[data-figure="tips-overdue"]').textContent()).toBe('2');
    await page.locator('nav.menu a', { hasText: 'เบาะแส' }).click();
    await page.locator('table.tips').waitFor();
    expect(await page.locator('table.tips tr.overdue').count()).toBe(2);
    await page.screenshot({ path: artifact('console-tips-list.png'), fullPage: true });

    const [web] = (await bot.runtime.tips.desk.list({}, now)).filter((t) => t.channel === 'web');
    await page.locator(`tr[data-tip="${web!.id}"] a`).first().click();
    await page.locator('.inert-text').first().waitFor();
    expect(await page.locator('[data-part="เกิดอะไรขึ้น"]').textContent()).toBe(XSS);
    expect(await page.locator('[data-part="ผู้เกี่ยวข้อง / หน่วยงาน"]').textContent()).toBe('<b>กองคลัง</b>');
    expect(await page.locator('main img[src="x"], main b').count()).toBe(0);
    const image = page.locator('.evidence img').first();
    await expect.poll(() => image.evaluate((img: any) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: artifact('console-tip-full.png'), fullPage: true });

    const setStatus = async (status: string, fields: Record<string, string> = {}) => {
      await page.locator('#status').selectOption(status);
      for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value);
      await page.locator('button', { hasText: 'บันทึกสถานะ' }).click();
      await page.locator('.notice.ok', { hasText: 'บันทึกสถานะแล้ว' }).waitFor();
    };
    await setStatus('assessing', { publicNote: 'ได้รับเรื่องแล้ว กำลังพิจารณา' });
    await page.locator('#note').fill('บันทึกภายใน: ตรวจเอกสารใบอนุญาตเดือนมกราคม');
    await page.locator('button', { hasText: 'เพิ่มบันทึก' }).click();
    await page.locator('.notice.ok', { hasText: 'เพิ่มบันทึกภายในแล้ว' }).waitFor();
    await setStatus('investigating');
    // Closing without an outcome is refused and nothing changes
    await page.locator('#status').selectOption('closed');
    await page.locator('button', { hasText: 'บันทึกสถานะ' }).click();
    await page.locator('.notice.error', { hasText: 'ต้องกรอกผลการดำเนินการ' }).waitFor();
    expect(await page.locator('[data-field="status"]').textContent()).toContain('กำลังตรวจสอบ');
    problems.splice(0); // the refusal is a 400 the browser logs
    await setStatus('closed', { outcome: 'ตรวจสอบแล้ว ส่งเรื่องให้ฝ่ายวินัยดำเนินการ' });
    expect(await page.locator('[data-field="status"]').textContent()).toContain('ปิดเรื่อง');
    expect(await page.locator('ul.history li').count()).toBe(3);
    await page.screenshot({ path: artifact('console-tip-closed.png'), fullPage: true });
    await expectClean(page);

    const trail = bot.runtime.audit.list().filter((e) => e.actor === 'niran');
    expect(trail.filter((e) => e.action === 'tip.status').map((e) => e.details?.to)).toEqual([
      'assessing',
      'investigating',
      'closed',
    ]);
    expect(trail.some((e) => e.action === 'tip.note' && e.target === `tip:${web!.id}`)).toBe(true);
    expect(trail.some((e) => e.action === 'tip.attachment')).toBe(true);
    const everything = JSON.stringify(bot.runtime.audit.list());
    for (const secret of ['alert', 'กองคลัง', 'ใบอนุญาตเดือน', 'ฝ่ายวินัย', 'กำลังพิจารณา'])
      expect(everything).not.toContain(secret);

    const status = await (await fetch(`${bot.url}/tip/status?receipt=${receipt}`)).text();
    expect(status).toContain('ปิดเรื่อง');
    expect(status).toContain('ส่งเรื่องให้ฝ่ายวินัยดำเนินการ');
    expect(status).not.toContain('ตรวจเอกสารใบอนุญาต'); // internal notes stay internal
    await page.context().close();
  });

  it('when an auditor tries to open a tip, then the console refuses and records the attempt; the dashboard still counts tips', async () => {
    const password = await createReadyAccount(bot.dataDir, 'auditor1', 'auditor');
    const page = await openConsole(browser!, problems);
    await loginAs(page, bot.url, 'auditor1', password);
    expect(await page.locator('nav.menu a', { hasText: 'เบาะแส' }).count()).toBe(0);
    expect(await page.locator('[data-figure="tips-open"]').textContent()).toBe('1');
    const [tip] = await bot.runtime.tips.desk.list({}, now);
    for (const path of [`/staff/tips/${tip!.id}`, '/staff/tips']) {
      await page.goto(bot.url + path);
      expect(await page.locator('h1').textContent()).toBe('ไม่มีสิทธิ์');
      expect(await page.content()).not.toContain('ขอค่าดำเนินการนอกระบบ');
    }
    await page.screenshot({ path: artifact('console-auditor-tip-refused.png') });
    const denied = bot.runtime.audit.list().filter((e) => e.actor === 'auditor1' && e.action === 'access.denied');
    expect(denied.map((e) => e.target)).toEqual([`GET /staff/tips/${tip!.id}`, 'GET /staff/tips/']);
    expect(bot.runtime.audit.list().some((e) => e.actor === 'auditor1' && e.action === 'tip.read')).toBe(false);
    problems.splice(0);
    await page.context().close();
  });
});
