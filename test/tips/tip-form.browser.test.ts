import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { toThaiDigits } from '../../src/thai/digits.js';
import { artifact, fitsWidth, launchChromium, type Browser, type Page } from '../helpers/browser.js';
import { startBot, type TestBot } from '../helpers/bot.js';
import { SECRETS, jpegWithMetadata } from '../helpers/tip-fixtures.js';

const { browser, reason } = await launchChromium();
if (!browser && process.env.CI) throw new Error(`browser tests cannot run: ${reason}`);
if (!browser) console.warn(`tip form browser tests skipped: ${reason}`);

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/** A phone-sized page with JavaScript turned off, as the form must work without it. */
async function phone(b: Browser, errors: string[]): Promise<Page> {
  const context = await b.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err: Error) => errors.push(err.message));
  // Console errors include CSP violations (a blocked stylesheet ...); a 404 answer is not one.
  page.on('console', (msg: { type(): string; text(): string }) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  return page;
}

describe.skipIf(!browser)('/tip form in Chromium at 360 px with JavaScript off', () => {
  it('when a resident files a tip with a photo and then looks it up by receipt (Thai digits), then the receipt and the status show, and staff notes with markup show as text', async () => {
    bot = await startBot();
    const errors: string[] = [];
    const page = await phone(browser!, errors);
    await page.goto(`${bot.url}/tip`);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: artifact('tip-form-360.png'), fullPage: true });

    await page.locator('#what').fill('เจ้าหน้าที่เรียกเงินค่าต่อใบอนุญาต <script>alert(1)</script>');
    await page.locator('#who').fill('งานทะเบียน');
    await page.locator('#when').fill('ต้นเดือนมีนาคม');
    await page
      .locator('#evidence')
      .setInputFiles({ name: 'หลักฐาน.jpg', mimeType: 'image/jpeg', buffer: jpegWithMetadata() });
    await page.locator('button[type=submit]').click();
    await page.locator('#receipt').waitFor();
    const shown = (await page.locator('#receipt').textContent())!.trim();
    expect(shown).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: artifact('tip-form-receipt-360.png'), fullPage: true });

    const { tips } = (await (await bot.staff('GET', '/tips')).json()) as { tips: Array<{ id: string }> };
    const tip = (await (await bot.staff('GET', `/tips/${tips[0]!.id}`)).json()) as {
      content: { what: string };
      attachments: Array<{ url: string }>;
    };
    expect(tip.content.what).toBe('เจ้าหน้าที่เรียกเงินค่าต่อใบอนุญาต <script>alert(1)</script>');
    const image = Buffer.from(
      await (await bot.staff('GET', tip.attachments[0]!.url.replace('/staff/api', ''))).arrayBuffer(),
    );
    expect(SECRETS.filter((s) => image.includes(Buffer.from(s, 'latin1')))).toEqual([]);
    await bot.staff('PATCH', `/tips/${tips[0]!.id}`, {
      status: 'investigating',
      publicNote: 'กำลังตรวจสอบ <b>เอกสาร</b> <img src=x>',
    });

    await page.goto(`${bot.url}/tip/status`);
    await page.locator('#receipt').fill(toThaiDigits(shown));
    await page.locator('button[type=submit]').click();
    await page.locator('#status').waitFor();
    expect(await page.locator('#status').textContent()).toBe('กำลังตรวจสอบ');
    expect(await page.locator('.notes li').first().textContent()).toContain('กำลังตรวจสอบ <b>เอกสาร</b> <img src=x>');
    expect(await page.locator('.notes img').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: artifact('tip-form-status-360.png'), fullPage: true });

    // A wrong receipt gets the same answer as an unknown one
    await page.goto(`${bot.url}/tip/status`);
    await page.locator('#receipt').fill('1234 5678 9012 3456');
    await page.locator('button[type=submit]').click();
    await page.locator('.errors').waitFor();
    expect(await page.locator('.errors').textContent()).toContain('ไม่พบเรื่องที่ตรงกับเลขนี้');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('when the required story is left empty, then the browser itself asks for it and nothing is sent', async () => {
    bot = await startBot();
    const page = await phone(browser!, []);
    await page.goto(`${bot.url}/tip`);
    await page.locator('#who').fill('ใครสักคน');
    await page.locator('button[type=submit]').click();
    expect(await page.locator('#receipt').count()).toBe(0);
    const { count } = (await (await bot.staff('GET', '/tips')).json()) as { count: number };
    expect(count).toBe(0);
    await page.context().close();
  });
});
